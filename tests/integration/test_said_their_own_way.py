"""Drivers who say it their own way: who has written asked for, not read; a day put back in a
draft; a name said alone before a question; an email named before its verb with no comma; a
correction that names the email; a condition that waits; people added to and taken off a
forward; a signing-off. Typed through a real AgentSession over the demo mailbox in Dovecot, with
the test SMTP server. The LLM writes nothing (FAST_PATH_ONLY): every answer comes from the mail."""

from __future__ import annotations

from ..helpers import flagged_subjects, folder_subjects
from .test_conversation import said, session  # noqa: F401  (the fixture)

EVERYONE = "From Sarah Chen, Robert Bob Smith, Priya Natarajan, IT Service Desk and VendorX Updates."


async def test_who_has_written_is_said_by_name_and_of_people_only_when_asked(session):  # noqa: F811
    running, _ = session
    assert await said(running, "so who's written to me") == f"Five emails. {EVERYONE}"
    people = await said(running, "which ones are by real people, no bots")
    assert (
        people
        == "Three from people. From Sarah Chen, Robert Bob Smith and Priya Natarajan. The other two are automated."
    )
    await said(running, "next")
    assert await said(running, "ok who's left") == (
        "Four left. From Robert Bob Smith, Priya Natarajan, IT Service Desk and VendorX Updates."
    )
    headlines = await said(running, "gimme the headlines")
    assert headlines.startswith("Five emails. Sarah Chen: Q3 budget numbers needed by Friday. Robert Bob Smith:"), (
        headlines
    )
    # of the open email, never the list
    assert (await said(running, "who sent this")).startswith("It's from Sarah Chen")


async def test_a_day_put_back_a_part_said_again_and_the_draft_read_whole(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "reply to bob saying we can ship on monday")
    await said(running, "add that the suite reruns today")
    assert "on Wednesday." in await said(running, "change monday to wednesday")
    put_back = await said(running, "no no, go back to monday, my mistake")
    assert put_back.startswith(
        "Here's your reply to Robert Bob Smith: We can ship on Monday. The suite reruns today."
    ), put_back
    instead = await said(running, "actually say the suite reruns tomorrow instead")
    assert "Monday. The suite reruns tomorrow." in instead, instead
    assert (await said(running, "read me the whole thing")).startswith("Here's your reply to Robert Bob Smith:")
    anew = await said(running, "say monday is fine if qa signs off")
    assert anew.startswith("Here's your reply to Robert Bob Smith: Monday is fine if QA signs off."), anew
    assert not smtp_server.messages


async def test_a_name_said_alone_then_a_question_is_asked_of_that_email(session):  # noqa: F811
    running, _ = session
    await said(running, "next")
    answer = await said(running, "priya. what's she after")
    assert answer.startswith("Priya Natarajan says:"), answer
    assert "Friday" not in answer


async def test_an_email_named_before_its_verb_with_no_comma_is_the_one_acted_on(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "go to priya's email")
    asked = await said(running, "and the vpn one just toss it")
    assert asked == "Did you want me to move IT Service Desk's email to Trash?", asked
    await said(running, "no")
    flagged = await said(running, "right so that's the budget one flag it")
    assert flagged == "Flagged Sarah Chen's email.", flagged
    assert await flagged_subjects(demo_copy) == ["Subject: Q3 budget numbers needed by Friday"]


async def test_a_correction_acts_on_the_email_named_before_it(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "next")
    answer = await said(
        running, "and the newsletter can you mark it read so it stops nagging actually no flag it instead"
    )
    assert answer == "Flagged VendorX Updates's email.", answer
    assert await flagged_subjects(demo_copy) == ["Subject: This week at VendorX: 5 new dashboard features"]


async def test_what_waits_on_what_is_heard_is_not_done(session, demo_copy):  # noqa: F811
    running, _ = session
    answer = await said(running, "so play me priya's thing and then if it's nothing just bin it")
    assert answer.startswith("From Priya Natarajan:"), answer
    assert await folder_subjects(demo_copy, "trash") == []


async def test_one_of_two_emails_asked_about_is_spared_and_the_other_done(session, demo_copy):  # noqa: F811
    running, _ = session
    asked = await said(running, "right archive the newsletter and the vpn one because that's sorted")
    assert asked == "Did you want me to archive VendorX Updates's and IT Service Desk's emails?", asked
    # one spared: the other asked about again, never done on that answer ("no, keep them, ..." is a no)
    assert await said(running, "hmm leave the vpn one") == "Did you want me to archive VendorX Updates's email?"
    assert await said(running, "yes") == "Archived VendorX Updates's email."
    assert await folder_subjects(demo_copy, "archive") == ["This week at VendorX: 5 new dashboard features"]


async def test_told_to_do_something_and_a_forward_with_a_question_and_its_people_changed(session, smtp_server):  # noqa: F811
    running, _ = session
    told = await said(running, "tell jamie to grab us a table for twelve")
    assert told.startswith("Here's your reply to Jamie Lee: Please grab us a table for twelve."), told
    await said(running, "cancel")
    forward = await said(running, "forward the offsite one to bob ask if he wants the slot")
    assert "to Robert Bob Smith, with your note: Could you let me know if you want the slot?" in forward, forward
    assert "to Robert Bob Smith, Jamie Lee," in await said(running, "and jamie too")
    narrowed = await said(running, "no take bob off, just jamie")
    assert "Offsite agenda - your slot, to Jamie Lee, with your note" in narrowed, narrowed
    await said(running, "send it")
    assert [m.rcpt_tos for m in smtp_server.messages] == [["jamie.lee@northwind.example"]]


async def test_a_question_about_one_email_by_its_topic_is_answered_from_it(session):  # noqa: F811
    running, _ = session
    answer = await said(running, "what's the offsite thing, do I have to do anything")
    assert answer.startswith("Priya Natarajan's email, Offsite agenda - your slot. "), answer
    assert "It's your call." in answer  # what triage found, never advice of its own


async def test_a_name_heard_with_an_r_and_a_signing_off(session):  # noqa: F811
    running, assistant = session
    assert (await said(running, "go to prier's email")).startswith("From Priya Natarajan:")
    assert await said(running, "right, that's me done, cheers") == "Okay, talk to you later."
    assert assistant.briefing.paused


async def test_going_through_the_mail_with_how_said_in_one_breath(session):  # noqa: F811
    running, assistant = session
    answer = await said(
        running,
        "could you run through my emails a bit faster today, oh and skip anything from the service desk, it's noise",
    )
    assert answer.startswith("Okay, faster. I'll leave out IT Service Desk's emails for now. From Sarah Chen:"), answer
    assert all(item.sender != "IT Service Desk" for item in assistant.briefing.items)


async def test_left_be_then_actually_and_a_reason_first_then_what_someone_sent(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "go to bob's email")
    answer = await said(running, "nah that can stay, leave it, actually star it and tell me what sarah sent")
    assert answer.startswith("Flagged. From Sarah Chen:"), answer
    answer = await said(running, "fine i'll deal with it later just flag it and then what's priya on about")
    assert answer.startswith("Flagged. From Priya Natarajan:"), answer
    assert len(await flagged_subjects(demo_copy)) == 2  # Bob's, then Sarah's


async def test_a_reply_asked_for_in_pieces_and_a_yes_to_what_the_email_asks(session, smtp_server):  # noqa: F811
    running, _ = session
    assert await said(running, "the reply. to jamie") == "What would you like to say to Jamie Lee?"
    answer = await said(running, "ugh. that I'm in for lunch")
    assert answer.startswith("Here's your reply to Jamie Lee: I'm in for lunch."), answer
    await said(running, "cancel")
    await said(running, "go to priya's email")
    answer = await said(running, "ok yes to ten forty")
    assert answer.startswith("Here's your reply to Priya Natarajan: Yes to ten forty."), answer
    assert not smtp_server.messages


async def test_a_yes_or_no_question_about_the_mail_is_answered_from_it_never_replied(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "go to bob's email")
    answer = await said(running, "will they still ship on thursday if qa can't fix it")
    assert answer.startswith("Robert Bob Smith says:"), answer
    assert await folder_subjects(demo_copy, "drafts") == []
