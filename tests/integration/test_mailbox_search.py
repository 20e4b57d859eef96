"""Questions about the whole mailbox, in a real AgentSession over the demo inbox on Dovecot: the
mail server searches (read mail too), one email found is gone to, several become a short
briefing of their own, and "back to my briefing" returns to the unread mail where it was."""

from __future__ import annotations

from email.utils import format_datetime, localtime

from .test_conversation import said, session  # noqa: F401  (a search never asks the LLM)


async def test_a_search_finding_several_is_a_briefing_of_its_own_until_back_to_my_briefing(session):  # noqa: F811
    running, assistant = session
    await said(running, "Next.")
    where = assistant.briefing.current
    found = await said(running, "Anything from Sarah?")
    assert found.startswith("I found 2 emails from sarah: Sarah Chen's, Q3 budget numbers needed by Friday, on "), found
    assert "Sarah Chen's, Standup notes, Monday, on " in found  # read already, and found too
    assert found.endswith("Shall I read the first? Say back to my briefing when you're done.")
    assert (await said(running, "Yes.")).startswith("From Sarah Chen: Q3 budget numbers needed by Friday.")
    assert (await said(running, "Next.")).startswith("From Sarah Chen: Standup notes, Monday.")
    assert await said(running, "Next.") == (
        "That was the last one I found. Say back to my briefing to go on with your unread mail."
    )
    back = await said(running, "Okay, go back to my briefing.")
    assert back == f"Back to your briefing, at {where.sender}'s email. Say next to go on."
    assert assistant.briefing.current is where and len(assistant.briefing.items) == 5


async def test_one_email_found_is_gone_to_read_or_not(session):  # noqa: F811
    running, assistant = session
    heard = await said(running, "Got anything on lunch?")
    assert heard.startswith("From Jamie Lee: Lunch on Wednesday?"), heard  # read before the call
    assert assistant.briefing.current.triaged.message.subject == "Lunch on Wednesday?"
    assert (await said(running, "Any emails about the budget?")).startswith("From Sarah Chen: Q3 budget numbers")


async def test_a_search_by_when_and_one_that_finds_nothing(session, demo_copy, dovecot):  # noqa: F811
    running, _ = session
    now = format_datetime(localtime()).encode()
    dovecot.deliver(
        demo_copy.account.identity,
        b"From: Jamie Lee <jamie.lee@northwind.example>\r\nTo: alex@northwind.example\r\n"
        b"Subject: Parking on level 3\r\nMessage-ID: <parking-1@northwind.example>\r\nDate: " + now + b"\r\n\r\n"
        b"The garage closes level 2 tomorrow. Park on level 3.\r\n",
    )
    heard = await said(running, "Any mail from Jamie today?")
    assert heard.startswith("From Jamie Lee: Parking on level 3."), heard  # not the lunch one, from last month
    assert await said(running, "Search my mail for the contract.") == "I don't see any email about contract."
    assert await said(running, "Anything from my boss this week?") == "I don't know who your boss is. Say their name."


async def test_what_is_urgent_names_the_important_ones(session):  # noqa: F811
    running, _ = session
    urgent = await said(running, "So what's urgent?")
    assert urgent.startswith(
        "One looks important. Sarah Chen's, Q3 budget numbers needed by Friday. It's due Friday, a question for you."
    ), urgent
    assert "VendorX" not in urgent


async def test_back_to_the_briefing_after_one_email_found_is_where_it_was(session):  # noqa: F811
    running, assistant = session
    first = await said(running, "Read my briefing.")
    where = assistant.briefing.current
    assert first.startswith(f"From {where.sender}")
    assert (await said(running, "Wait, hold on, did I get anything from Priya?")).startswith("From Priya Natarajan")
    assert await said(running, "Cool, go back to my briefing.") == (
        f"Back to your briefing, at {where.sender}'s email. Say next to go on."
    )


async def test_a_question_with_nothing_open_is_about_the_email_it_names_read_or_not(session):  # noqa: F811
    running, _ = session
    assert await said(running, "What'd Jamie want?") == "Jamie Lee says: Want to grab lunch Wednesday?"
    heard = await said(running, "What did the standup notes say about the migration?")
    assert heard == "Sarah Chen says: Migration is 80% done.", heard  # the part of the notes' list asked of
    assert (await said(running, "And when's the retro again?")).endswith("Retro is Friday.")
    await said(running, "Read me the email from Sarah.")  # her budget email open, not the notes
    heard = await said(running, "So what was in the standup notes?")  # spoken, Whisper's words
    assert heard.startswith("Sarah Chen says: Notes: migration is 80% done"), heard


async def test_questions_about_when_and_about_an_email_named_by_a_word(session):  # noqa: F811
    running, _ = session
    heard = await said(running, "Is the VPN thing like actually urgent or can it wait?")
    assert heard == "IT Service Desk says: Your VPN certificate expires on December 1st.", heard
    await said(running, "Any emails about the off site?")
    assert (await said(running, "When is it again?")).endswith("at the offsite on December 3rd."), heard
    await said(running, "Jump to the one from Bob.")
    assert (await said(running, "Who else is on that?")).startswith("It went to ")  # the headers, not a sentence


async def test_a_search_or_question_moving_to_another_email_never_lets_send_it_skip_the_read_back(
    session,  # noqa: F811
    smtp_server,
):
    running, assistant = session
    where = (await said(running, "Read my briefing."), assistant.briefing.current)[1]
    await said(running, "Tell Sarah I'll have it Friday.")
    await said(running, "Any emails about lunch?")  # Jamie's email is current now
    assert (await said(running, "Send it.")).startswith("We've moved on since I read it back")
    assert smtp_server.messages == []
    await said(running, "Got anything on the offsite?")  # a second search: the first place is kept
    assert (
        await said(running, "Back to my briefing.")
        == f"Back to your briefing, at {where.sender}'s email. Say next to go on."
    )
    assert await said(running, "What did Marcus want from me?") == "I don't see an email from marcus in your inbox."
    found = await said(running, "Anything from Sarah?")
    assert found.startswith("I found 2 emails from sarah")
    assert (await said(running, "Yes.")).startswith("From Sarah Chen: Q3 budget")  # the first, a draft open or not


async def test_did_she_answer_is_about_her_mail_since_the_users_own_last_one(session, demo_copy):  # noqa: F811
    async def wrote_to_sarah(date: bytes, subject: bytes) -> None:
        raw = (
            b"From: Alex Morgan <alex@northwind.example>\r\nTo: Sarah Chen <sarah.chen@northwind.example>\r\n"
            b"Subject: " + subject + b"\r\nDate: " + date + b"\r\n\r\nHere you go.\r\n"
        )
        folder = await demo_copy.imap.call(lambda client: demo_copy.imap.folder("sent"))
        await demo_copy.imap.call(lambda client: client.append(folder, raw, flags=[b"\\Seen"]))

    running, _ = session
    await wrote_to_sarah(b"Mon, 23 Nov 2026 10:30:00 -0500", b"Headcount")  # before her budget email
    heard = await said(running, "Did Sarah answer?")
    assert heard.startswith("From Sarah Chen: Q3 budget numbers needed by Friday."), heard  # not the standup notes
    await wrote_to_sarah(b"Wed, 25 Nov 2026 16:00:00 -0500", b"Numbers")
    assert await said(running, "Has Sarah gotten back to me?") == (
        "Not yet: nothing from Sarah Chen since you wrote on November 25, Numbers."
    )


async def test_back_after_moving_on_from_what_a_search_found_and_questions_with_no_name(session):  # noqa: F811
    running, assistant = session
    await said(running, "Yes.")
    assert (await said(running, "Anything from Priya?")).startswith("From Priya Natarajan")
    await said(running, "Next.")
    where = assistant.briefing.current
    await said(running, "Got anything on lunch?")
    assert (
        await said(running, "Back to my briefing.")
        == f"Back to your briefing, at {where.sender}'s email. Say next to go on."
    )
    # "everyone" is no sender: the question is about the email that is open
    assert not (await said(running, "What does everyone want for lunch?")).startswith("I don't see an email")


async def test_words_as_the_recognizer_writes_them_and_what_came_in_with_an_email_open(session):  # noqa: F811
    running, _ = session
    heard = await said(running, "Forward the stand-up notes to Jamie.")  # Whisper's hyphen: "Standup" all the same
    assert heard.startswith("Here's your forward of Sarah Chen's email, Standup notes, Monday, to Jamie Lee"), heard
    assert await said(running, "What came in today?") == "I don't see any email today."  # an email open or not
