"""Forwarding by voice, in a real AgentSession over the demo inbox on Dovecot and a real SMTP
server: the forward is saved in Drafts with the email attached whole, read back, and sent only
on "send it"; who it goes to is found among the people in the user's mail."""

from __future__ import annotations

import email
import email.policy

from ..helpers import folder_subjects
from .test_conversation import said, session  # noqa: F401  (a forward never asks the LLM)

BUDGET = "Q3 budget numbers needed by Friday"


async def written_to(mailbox, recipient: str) -> None:
    """A mail from the user to `recipient` in their Sent folder: someone they write to."""
    raw = f"From: Alex Morgan <alex@northwind.example>\r\nTo: {recipient}\r\nSubject: Hello\r\n\r\nHi.\r\n"
    folder = await mailbox.imap.call(lambda client: mailbox.imap.folder("sent"))
    await mailbox.imap.call(lambda client: client.append(folder, raw.encode(), flags=[b"\\Seen"]))


async def test_a_forward_is_read_back_and_sent_only_on_send_it_with_the_email_attached(
    session,  # noqa: F811
    demo_copy,
    smtp_server,
    tmp_path,
):
    running, _ = session
    await said(running, "Read me the email from Sarah.")
    heard = await said(running, "Forward this to Bob, saying can you take a look at this.")
    assert heard.startswith(
        f"Here's your forward of Sarah Chen's email, {BUDGET}, to Robert Bob Smith, with your note: "
        "Can you take a look at this? It's saved in your drafts."
    ), heard
    assert heard.endswith("Shall I send it?")
    assert await folder_subjects(demo_copy, "drafts") == [f"Fwd: {BUDGET}"]
    assert smtp_server.messages == []
    assert await said(running, "Send it.") == "Sent to Robert Bob Smith."
    [sent] = smtp_server.messages
    assert sent.rcpt_tos == ["bob.smith@northwind.example"]
    message = email.message_from_bytes(sent.data, policy=email.policy.default)
    assert message.get_body(("plain",)).get_content().strip() == "Can you take a look at this?"
    [attached] = [part.get_content() for part in message.iter_attachments()]
    assert attached["Subject"] == BUDGET and "Finance moved the deadline up" in attached.get_body().get_content()
    assert await folder_subjects(demo_copy, "drafts") == []
    assert await said(running, "What did I do today?") == "Today you forwarded an email to bob.smith@northwind.example."


async def test_a_forward_names_its_email_and_asks_who_when_no_one_is_said(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    assert await said(running, "Forward the offsite email.") == "Who should I forward it to?"
    heard = await said(running, "Jamie.")
    assert heard.startswith(
        "Here's your forward of Priya Natarajan's email, Offsite agenda - your slot, to Jamie Lee, with no note."
    ), heard
    # said again, to someone else: it takes the first one's place in Drafts
    heard = await said(running, "Actually forward it to Sarah instead.")
    assert "to Sarah Chen" in heard, heard
    assert await folder_subjects(demo_copy, "drafts") == ["Fwd: Offsite agenda - your slot"]
    assert smtp_server.messages == []


async def test_nobody_known_by_that_name_gets_nothing(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Read me the email from Sarah.")
    assert await said(running, "Forward this to Zebedee.") == (
        "I don't know anyone called zebedee in your mail. Say their full name or email address."
    )
    assert await said(running, "Forward the contract email to Bob.") == "I don't see an email about contract."
    assert await folder_subjects(demo_copy, "drafts") == []
    assert smtp_server.messages == []


async def test_a_forward_outside_the_company_goes_only_to_someone_written_to_and_is_asked_about(
    session,  # noqa: F811
    demo_copy,
    smtp_server,
):
    await written_to(demo_copy, "Dana Ruiz <dana@partner.example>")
    running, _ = session
    await said(running, "Read me the email from Bob.")
    # VendorX only wrote in: a stranger's mail never makes itself someone to forward to
    assert (await said(running, "Send this on to VendorX.")).startswith("I don't know anyone called vendorx")
    heard = await said(running, "Send this on to Dana.")
    assert "to Dana Ruiz" in heard and "Note: dana@partner.example is outside your company." in heard, heard
    asked = await said(running, "Send it.")
    assert asked == "It goes outside your company, to dana@partner.example. Shall I send it?"
    assert smtp_server.messages == []
    assert await said(running, "Yes.") == "Sent to Dana Ruiz."
    assert [m.rcpt_tos for m in smtp_server.messages] == [["dana@partner.example"]]


async def test_two_people_of_that_name_are_asked_apart_and_those_written_to_come_first(session, demo_copy, smtp_server):  # noqa: F811
    await written_to(demo_copy, "Sarah Park <sarah.park@northwind.example>")
    people = await demo_copy.correspondents("alex@northwind.example", ["northwind.example"])
    assert people[0].email == "sarah.park@northwind.example"  # written to, so first
    assert "alex@northwind.example" not in [p.email for p in people]
    assert "news@vendorx.example" not in [p.email for p in people]  # an outsider who only wrote in
    assert {"sarah.chen@northwind.example", "bob.smith@northwind.example"} <= {p.email for p in people}
    running, _ = session
    await said(running, "Read me the email from Bob.")
    assert await said(running, "Forward it to Sarah.") == "Sarah Park or Sarah Chen?"
    heard = await said(running, "Park.")
    assert heard.startswith("Here's your forward of Robert Bob Smith's email"), heard
    assert "to Sarah Park, with no note." in heard
    assert smtp_server.messages == []


async def test_a_forward_that_names_its_email_and_several_people_and_changes_its_note(
    session,  # noqa: F811
    demo_copy,
    smtp_server,
):
    running, _ = session
    # the standup notes were read before the call: found in the inbox all the same
    heard = await said(running, "Forward the standup notes to Jamie and Priya.")
    assert heard.startswith(
        "Here's your forward of Sarah Chen's email, Standup notes, Monday, to Jamie Lee, Priya Natarajan, with no note."
    ), heard
    heard = await said(running, "Hmm, change the note to say FYI, retro moved.")
    assert "with your note: FYI retro moved." in heard and "to Jamie Lee, Priya Natarajan" in heard, heard
    assert await folder_subjects(demo_copy, "drafts") == ["Fwd: Standup notes, Monday"]
    assert await said(running, "Send it.") == "Sent to Jamie Lee, Priya Natarajan."
    assert sorted(smtp_server.messages[0].rcpt_tos) == ["jamie.lee@northwind.example", "priya.n@northwind.example"]


async def test_a_name_it_does_not_know_is_asked_again_and_send_it_never_sends_the_draft_being_changed(
    session,  # noqa: F811
    demo_copy,
    smtp_server,
):
    running, _ = session
    await said(running, "Read me the email from Priya.")
    assert (await said(running, "Forward this to Marcus.")).startswith("I don't know anyone called marcus")
    heard = await said(running, "Oh uh, I meant Jamie, Jamie Lee.")
    assert "to Jamie Lee, with no note." in heard, heard
    heard = await said(running, "Not actually. Send it to Sarah instead.")  # "Nah, actually, ..." as Whisper heard it
    assert heard.startswith("Here's your forward of Priya Natarajan's email, Offsite agenda - your slot, to Sarah Chen")
    asked = await said(running, "Bob should see this too.")  # an unsure guess at another forward: asked about
    assert asked == "Did you want me to forward Priya Natarajan's email?", asked
    # "send it" answers the question: it goes on with the new forward, and never sends the open one
    assert await said(running, "Okay, send it.") == "Who should I forward it to?"
    assert smtp_server.messages == []  # the forward to Jamie never went
    assert await folder_subjects(demo_copy, "drafts") == ["Fwd: Offsite agenda - your slot"]


async def test_a_misheard_forward_with_a_note_after_a_comma_and_more_added_to_it(
    session,  # noqa: F811
    demo_copy,
    smtp_server,
):
    running, _ = session
    heard = await said(running, "For word Bob's release email to Sarah and say uh heads up this might slip to Monday.")
    assert heard.startswith(
        "Here's your forward of Robert Bob Smith's email, Is the release still on for Thursday?, to Sarah Chen, "
        "with your note: Heads up this might slip to Monday."
    ), heard
    heard = await said(running, "Uh add that QA is on it.")
    assert "with your note: Heads up this might slip to Monday. QA is on it." in heard, heard
    assert await folder_subjects(demo_copy, "drafts") == ["Fwd: Is the release still on for Thursday?"]
    assert smtp_server.messages == []


async def test_a_forward_changed_after_moving_on_keeps_its_email_and_a_failed_change_is_heard_again(
    session,  # noqa: F811
    demo_copy,
    smtp_server,
):
    running, _ = session
    await said(running, "Read me the email from Sarah.")
    await said(running, "Forward this to Jamie.")
    await said(running, "Next.")  # another email is current now
    heard = await said(running, "Actually send it to Priya instead.")
    assert heard.startswith(f"Here's your forward of Sarah Chen's email, {BUDGET}, to Priya Natarajan"), heard
    # a change that fails leaves nothing that "send it" sends unheard
    assert (await said(running, "No, send it to Marcus instead.")).startswith("I don't know anyone called marcus")
    again = await said(running, "Send it.")
    assert again.startswith("We've moved on since I read it back, so here it is again."), again
    assert smtp_server.messages == []
    # another email forwarded keeps the first forward in Drafts
    await said(running, "Read me the email from Bob.")
    await said(running, "Forward this to Jamie and Marcus.")
    heard = await said(running, "I meant Priya.")
    assert "to Jamie Lee, Priya Natarajan" in heard, heard  # the one found first is kept
    assert await folder_subjects(demo_copy, "drafts") == [
        "Fwd: Is the release still on for Thursday?",
        f"Fwd: {BUDGET}",
    ]


async def test_a_forwarded_subject_is_said_as_the_briefing_says_it(session, demo_copy, dovecot):  # noqa: F811
    dovecot.deliver(
        demo_copy.account.identity,
        b"From: Jamie Lee <jamie.lee@northwind.example>\r\nTo: alex@northwind.example\r\n"
        b"Subject: Your verification code is 482913\r\nMessage-ID: <code-1@northwind.example>\r\n\r\n"
        b"Use it to sign in to the wiki.\r\n",
    )
    running, _ = session
    await said(running, "Any emails about the wiki?")
    heard = await said(running, "Forward this to Bob.")
    assert heard.startswith("Here's your forward of Jamie Lee's email"), heard
    assert "482913" not in heard


async def test_odd_mail_and_words_that_only_look_like_a_request(session, demo_copy, dovecot, smtp_server):  # noqa: F811
    dovecot.deliver(
        demo_copy.account.identity,
        b"From: Jamie Lee <jamie.lee@northwind.example>\r\nTo: alex@northwind.example\r\nMessage-ID: <>\r\n"
        b"Subject: Parking passes\r\n\r\nThe new passes are at reception.\r\n",
    )
    dovecot.deliver(
        demo_copy.account.identity,
        b"From: Promo <deals@outside.example>\r\nTo: alex@northwind.example\r\n"
        b'Cc: "Kevin" <all-staff@northwind.example>\r\nSubject: Deals\r\n\r\nBuy now.\r\n',
    )
    running, _ = session
    await said(running, "Any emails about parking?")
    assert "to Robert Bob Smith" in await said(running, "Forward this to bob.smith@northwind.example.")
    heard = await said(running, "Add that they're free.")  # an email whose Message-ID is "<>": no crash
    assert "with your note: They're free." in heard, heard
    # "instead" inside the note is the note's, not a change of the open forward
    heard = await said(running, "Forward this to Priya, saying can you pass it to Sarah instead of me.")
    assert "to Priya Natarajan, with your note: Can you pass it to Sarah instead of me?" in heard, heard
    # a stranger's copy line names no one; a name with a surname that fits no one is nobody
    assert (await said(running, "Forward this to Kevin.")).startswith("I don't know anyone called kevin")
    assert (await said(running, "Forward this to Bob Lee.")).startswith("I don't know anyone called bob lee")
    assert smtp_server.messages == []


async def test_an_address_said_aloud_is_forwarded_to_as_said_with_a_note_put_on_top(
    session,  # noqa: F811
    demo_copy,
    smtp_server,
):
    running, _ = session
    await said(running, "Go to Bob's email.")  # another email open: the one named is forwarded
    made = await said(running, "Forward the budget one to dave at contoso dot com.")
    assert made.startswith(f"Here's your forward of Sarah Chen's email, {BUDGET}, to dave@contoso.com, with no note.")
    assert "dave@contoso.com is outside your company" in made, made
    noted = await said(running, "Put FYI deadline's Friday noon on top.")
    assert "with your note: FYI deadline's Friday noon." in noted, noted
    assert smtp_server.messages == []
    # outside the company: the gate asks once more
    asked = await said(running, "Yeah that's right, out it goes.")
    assert asked == "It goes outside your company, to dave@contoso.com. Shall I send it?"
    assert smtp_server.messages == []
    assert await said(running, "Yes.") == "Sent to dave@contoso.com."
    assert smtp_server.messages[0].rcpt_tos == ["dave@contoso.com"]


async def test_make_that_someone_instead_redirects_the_forward_and_forget_the_forward_keeps_it_unsent(
    session,  # noqa: F811
    demo_copy,
    smtp_server,
):
    running, _ = session
    await said(running, "The VendorX one, shove it over to Jamie, he's into dashboards.")
    moved = await said(running, "Actually, make that Bob instead.")
    assert ", to Robert Bob Smith, with no note." in moved, moved
    assert await said(running, "No, you know what, forget the forward altogether.") == (
        "Okay, I won't send it. It stays in your drafts."
    )
    assert smtp_server.messages == []
