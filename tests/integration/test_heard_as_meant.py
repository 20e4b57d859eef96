"""Requests heard as they were meant: a forward with its note said as a telling, a recipient put
right, a reply-all asked for with "instead", a reply whose words come a sentence later, a count
the mail never gives, whom an email read before the call went to, a stutter of several words, a
mute before the briefing begins. Typed through a real AgentSession over the demo mailbox in
Dovecot, with the test SMTP server. The LLM writes nothing (FAST_PATH_ONLY)."""

from __future__ import annotations

from ..helpers import flagged_subjects, folder_subjects
from .test_conversation import said, session  # noqa: F401  (the fixture)


async def test_a_forward_with_a_telling_is_a_forward_never_a_reply(session, smtp_server):  # noqa: F811
    running, _ = session
    answer = await said(running, "forward the vpn one to bob and tell him can you check yours before friday")
    assert answer.startswith(
        "Here's your forward of IT Service Desk's email, Your VPN certificate expires in 7 days, to Robert Bob Smith, "
        "with your note: Can you check yours before Friday?"
    ), answer
    await said(running, "cancel")
    await said(running, "go to priya's email")
    answer = await said(running, "forward it to jamie, note says fyi I'm presenting")
    assert "to Jamie Lee, with your note: FYI I'm presenting." in answer, answer
    assert not smtp_server.messages


async def test_a_recipient_put_right_in_the_same_breath(session, smtp_server):  # noqa: F811
    running, _ = session
    answer = await said(running, "forward the budget email to priya, actually, to bob")
    assert answer.startswith(
        "Here's your forward of Sarah Chen's email, Q3 budget numbers needed by Friday, to Robert Bob Smith,"
    )
    await said(running, "send it")
    assert [m.rcpt_tos for m in smtp_server.messages] == [["bob.smith@northwind.example"]]
    assert (await said(running, "so what's gone out")).startswith(
        "Today you forwarded an email to bob.smith@northwind.example"
    )


async def test_instead_is_never_the_words_nor_a_name(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "tell bob the release waits for qa")
    answer = await said(running, "hmm reply all instead")
    assert answer.startswith("Here's your reply to Robert Bob Smith, Platform Team: The release waits for QA."), answer
    await said(running, "cancel")
    await said(running, "go to the newsletter")
    assert await said(running, "no, mute them instead") == "Mute news@vendorx.example?"
    assert not smtp_server.messages


async def test_a_reply_named_in_one_sentence_and_said_in_the_next(session, smtp_server):  # noqa: F811
    running, _ = session
    answer = await said(running, "reply priya. ten forty is perfect.")
    assert answer.startswith("Here's your reply to Priya Natarajan: Ten forty is perfect."), answer
    await said(running, "cancel")
    assert (await said(running, "reply to sarah")).startswith("What would you like to say to Sarah Chen")
    assert (await said(running, "send it")).startswith("I haven't written a reply yet.")  # no words, nothing sent
    assert not smtp_server.messages


async def test_a_count_or_a_case_asked_of_an_email_is_answered_from_its_words(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "go to bob's email")
    assert await said(running, "how many users does the bug hit") == "Robert Bob Smith's email doesn't give a figure."
    await said(running, "go to sarah's email")
    answer = await said(running, "and what if the cloud numbers aren't final")
    assert answer == "Sarah Chen says: If anything is still uncertain, give me your best estimate and flag it.", answer
    assert await folder_subjects(demo_copy, "drafts") == []


async def test_whom_an_email_read_before_the_call_went_to(session):  # noqa: F811
    running, _ = session
    await said(running, "go to bob's email")
    assert await said(running, "and who else got the standup notes") == "It went to Platform Team."


async def test_letters_a_stutter_of_several_words_and_a_mute_before_the_briefing(session, demo_copy):  # noqa: F811
    running, _ = session
    assert (await said(running, "the i tee one")).startswith("From IT Service Desk:")
    assert await said(running, "flag it, flag it") == "Flagged."
    assert await flagged_subjects(demo_copy) == ["Subject: Your VPN certificate expires in 7 days"]
    assert (await said(running, "when is it when is it due")).startswith("IT Service Desk says:")


async def test_next_after_a_mute_said_first_starts_from_the_top(session):  # noqa: F811
    running, _ = session
    assert await said(running, "mute vendorx") == "Mute news@vendorx.example?"
    await said(running, "yes")
    assert (await said(running, "next")).startswith("From Sarah Chen:")


async def test_a_link_and_the_problem_are_answered_from_the_mail(session):  # noqa: F811
    running, _ = session
    await said(running, "go to the vpn one")
    assert await said(running, "is there a link") == "IT Service Desk's email doesn't give a link."
    await said(running, "go to bob's email")
    answer = await said(running, "so what's the actual problem")
    assert answer == "Robert Bob Smith says: QA found a flaky login test last night.", answer
