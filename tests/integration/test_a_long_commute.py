"""A caller some weeks in, who talks to the assistant as to a colleague in the passenger seat:
requests chained in sentences, a reason said first, a forward's recipient put right, a sentence
finished after its draft was read back, emails named by place or as "bobs", typed through a real
AgentSession over the demo mailbox in Dovecot, with the test SMTP server. The LLM writes nothing
(FAST_PATH_ONLY): every answer comes from the mail."""

from __future__ import annotations

from ..helpers import folder_subjects
from .test_conversation import said, session  # noqa: F401  (the fixture)


async def test_each_step_said_in_its_own_sentence_is_done(session, demo_copy):  # noqa: F811
    running, assistant = session
    await said(running, "go to sarah's email")
    answer = await said(running, "I'll get to it tonight, mark it unread and go on")
    assert answer.startswith("Marked unread. From Robert Bob Smith:"), answer
    answer = await said(running, "archive this. the next one")
    assert answer.startswith("Archived. From Priya Natarajan:"), answer
    answer = await said(running, "right, flag, then next")
    assert answer.startswith("Flagged. From IT Service Desk:"), answer
    assert await folder_subjects(demo_copy, "archive") == ["Is the release still on for Thursday?"]
    assert assistant.briefing.current is not None and assistant.briefing.current.sender == "IT Service Desk"


async def test_a_forwards_recipient_put_right_is_who_it_goes_to(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "forward the vpn email to jamie")
    answer = await said(running, "oh no, not jamie, I meant priya")
    assert answer.startswith("Here's your forward of IT Service Desk's email"), answer
    assert "to Priya Natarajan, with no note" in answer, answer
    answer = await said(running, "make that bob, not priya")
    assert "to Robert Bob Smith, with no note" in answer, answer
    # someone not on it is no correction of its recipient
    answer = await said(running, "not sarah, bob")
    assert "Sarah" not in answer, answer
    await said(running, "send it")
    assert [m.rcpt_tos for m in smtp_server.messages] == [["bob.smith@northwind.example"]]


async def test_whom_a_waiting_draft_goes_to_is_said_and_nothing_is_sent(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "go to bob's email")
    await said(running, "reply all saying the release holds")
    answer = await said(running, "hang on, who's it going to?")
    assert answer == "Your reply goes to Robert Bob Smith, Platform Team, and it hasn't gone out. Shall I send it?", (
        answer
    )
    assert not smtp_server.messages
    assert (await said(running, "ya")).startswith("Sent to Robert Bob Smith, Platform Team")


async def test_emails_named_by_place_by_a_bare_name_or_as_the_most_important(session):  # noqa: F811
    running, assistant = session
    assert (await said(running, "open priyas")).startswith("From Priya Natarajan:")
    assert (await said(running, "and the second")).startswith("From Robert Bob Smith:")
    answer = await said(running, "who got bobs")
    assert answer == "It went to Alex Morgan and Platform Team.", answer
    assert (await said(running, "ok now back to priya")).startswith("From Priya Natarajan:")
    assert (await said(running, "let's start with the most important one")).startswith("From Sarah Chen:")
    await said(running, "skip priya for today, I'll see her at the offsite")
    assert all(item.sender != "Priya Natarajan" for item in assistant.briefing.items)


async def test_a_reply_asked_for_with_its_words_and_finished_after_the_read_back(session, smtp_server):  # noqa: F811
    running, _ = session
    answer = await said(
        running, "hello, could you possibly write something back to bob for me, just saying thursday holds"
    )
    assert answer.startswith("Here's your reply to Robert Bob Smith: Thursday holds."), answer
    await said(running, "cancel")
    answer = await said(running, "tell priya that I can call her")
    assert answer.startswith("Here's your reply to Priya Natarajan: I can call her."), answer
    # the rest of the sentence, said after the pause that cut it
    answer = await said(running, "before ten on monday")
    assert answer.startswith("Here's your reply to Priya Natarajan: I can call her before ten on Monday."), answer
    answer = await said(running, "and ask whether the room has a projector")
    assert "Could you let me know whether the room has a projector?" in answer, answer
    await said(running, "yea send it")
    assert [m.rcpt_tos for m in smtp_server.messages] == [["priya.n@northwind.example"]]


async def test_a_question_after_going_to_an_email_is_answered_there(session):  # noqa: F811
    running, assistant = session
    answer = await said(running, "back to the vpn one, when does it run out")
    assert answer == "IT Service Desk says: Your VPN certificate expires on December 1st.", answer
    answer = await said(running, "pull up the budget one and tell me what the cloud number is")
    assert answer.startswith("Sarah Chen says: Can you send me the final Q3 budget numbers"), answer
    assert assistant.briefing.current is not None and assistant.briefing.current.sender == "Sarah Chen"
    # an email not found is said so, and the question is never answered from the open one
    answer = await said(running, "back to the btn1, when does it run out")
    assert "Sarah Chen" not in answer, answer


async def test_everything_narrowed_to_two_emails_is_asked_about_once_and_undone_together(session, demo_copy):  # noqa: F811
    running, _ = session
    assert (await said(running, "bin the whole lot")).startswith("I do that one email at a time")
    assert (await said(running, "no, I mean every single one")).startswith("I do that one email at a time")
    answer = await said(running, "ok fine, just the vendorx one and the IT one")
    assert answer == "Did you want me to delete VendorX Updates's and IT Service Desk's emails?", answer
    assert await folder_subjects(demo_copy, "trash") == []
    assert (await said(running, "yes")) == "Moved VendorX Updates's and IT Service Desk's emails to Trash."
    assert len(await folder_subjects(demo_copy, "trash")) == 2
    assert (await said(running, "undo")).startswith("Undone")
    assert await folder_subjects(demo_copy, "trash") == []
