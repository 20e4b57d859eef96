"""Requests wrapped in courtesy, said over a bad line, or by someone new: "would you mind adding
...", "lovely, please go ahead and send it", "sorry, you cut out, what was that", "that will be
all for now", a reply copied to someone, work only the caller can do, an attachment asked about,
a text turned into an email. Typed through a real AgentSession over the demo mailbox in Dovecot,
with the test SMTP server. The LLM writes nothing (FAST_PATH_ONLY)."""

from __future__ import annotations

from ..helpers import flagged_subjects, folder_subjects
from .test_conversation import said, session  # noqa: F401  (the fixture)


async def test_a_request_wrapped_in_courtesy_is_the_request(session, smtp_server):  # noqa: F811
    running, _ = session
    answer = await said(running, "I'd be grateful if you could reply to jamie and let him know that I can do Wednesday")
    assert answer.startswith("Here's your reply to Jamie Lee: I can do Wednesday."), answer
    answer = await said(running, "would you mind adding that I'll book the table")
    assert "I can do Wednesday. I'll book the table." in answer, answer
    assert await said(running, "brilliant, please go ahead and send it, thank you") == "Sent to Jamie Lee."
    await said(running, "go to bob's email")
    answer = await said(running, "right, I'd like you to reply to everyone saying we ship on Monday")
    assert answer.startswith("Here's your reply to Robert Bob Smith, Platform Team: We ship on Monday."), answer
    assert [m.rcpt_tos for m in smtp_server.messages] == [["jamie.lee@northwind.example"]]


async def test_courtesy_before_an_action_and_a_move_drops_neither(session, demo_copy):  # noqa: F811
    running, _ = session
    assert (await said(running, "good morning, could you please tell me what's waiting for me")).startswith(
        "Five emails."
    )
    await said(running, "next")
    answer = await said(running, "could you kindly flag that for me and then go on to the next one")
    assert answer.startswith("Flagged. From Robert Bob Smith:"), answer
    assert await flagged_subjects(demo_copy) == ["Subject: Q3 budget numbers needed by Friday"]
    assert await said(running, "thank you kindly") == "You're welcome."
    assert await said(running, "that will be all for now") == "Okay, talk to you later."


async def test_over_a_bad_line_the_last_answer_is_said_again_and_a_cut_reply_waits(session, smtp_server):  # noqa: F811
    running, _ = session
    heard = await said(running, "who's written")
    assert await said(running, "sorry, you broke up there, what was that") == heard
    assert await said(running, "reply to priya saying we're still") == "Go on."
    answer = await said(running, "on for ten forty")
    assert answer.startswith("Here's your reply to Priya Natarajan: We're still on for ten forty."), answer
    assert await said(running, "did you get that") == answer  # the read-back again, nothing sent
    assert not smtp_server.messages


async def test_a_reply_copied_to_someone_and_one_who_is_unknown(session, smtp_server):  # noqa: F811
    running, _ = session
    answer = await said(running, "reply to bob, cc priya, saying hold the release")
    assert answer.startswith("Here's your reply to Robert Bob Smith, Priya Natarajan: Hold the release."), answer
    assert "everyone" not in answer
    await said(running, "send it")
    assert sorted(smtp_server.messages[0].rcpt_tos) == ["bob.smith@northwind.example", "priya.n@northwind.example"]
    await said(running, "go to sarah's email")
    answer = await said(running, "tell her the numbers come friday and loop in finance")
    assert answer.endswith("I couldn't tell who finance is, so no one is copied."), answer


async def test_what_only_the_caller_can_do_names_the_email_and_goes_there(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "next")
    answer = await said(running, "could you renew my vpn certificate for me")
    assert answer.startswith(
        "I can't do that for you, only work with your email. I can flag IT Service Desk's email"
    ), answer
    assert (await said(running, "how do I do it then")).startswith("IT Service Desk says: Renew it")
    assert await said(running, "archive it") == "Archived."
    assert await folder_subjects(demo_copy, "archive") == ["Your VPN certificate expires in 7 days"]


async def test_an_attachment_asked_about_and_a_text_turned_into_an_email(session, smtp_server):  # noqa: F811
    running, _ = session
    answer = await said(running, "does bob's email have a file attached")
    assert answer == "I can't open attachments. Robert Bob Smith's email doesn't mention one.", answer
    await said(running, "can you text jamie that I'm stuck in traffic")
    answer = await said(running, "ok email him instead")
    assert answer.startswith("Here's your reply to Jamie Lee: I'm stuck in traffic."), answer
    assert not smtp_server.messages


async def test_back_to_him_is_the_one_heard_before(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "go to bob's email")
    await said(running, "next")
    assert (await said(running, "back to him")).startswith("From Robert Bob Smith:")
    assert await said(running, "flag it") == "Flagged."
    assert await flagged_subjects(demo_copy) == ["Subject: Is the release still on for Thursday?"]


async def test_a_goodbye_with_a_draft_open_says_it_has_not_gone_out(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "tell priya ten forty works")
    answer = await said(running, "cheers, that's me done")
    assert answer == "Okay. Your reply hasn't gone out; it's in your drafts. Talk to you later.", answer
    answer = await said(running, "hem, say eleven works better instead")
    assert answer.startswith("Here's your reply to Priya Natarajan: Eleven works better."), answer
    assert not smtp_server.messages
