"""Mail servers failing in the middle of a call, through the whole assistant (a real
AgentSession in text mode, the fast path, real Dovecot and SMTP servers): the caller hears
what went wrong, nothing dictated is lost, and nothing is sent twice. The mail core's own
tests (test_mail_actions_and_sending.py) cover each step of a send; these drive it by voice
commands, as a caller would."""

from __future__ import annotations

import pytest
from livekit.agents import AgentSession

from mailvox.agent.assistant import EmailAssistant
from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.mail.briefing import build_briefing
from mailvox.agent.mail.journal import SendJournal
from mailvox_dev.devservers.faulty_smtp import FaultySMTPHandler
from mailvox_dev.devservers.smtp import SMTPServer

from ..helpers import folder_subjects
from ..scripted_llm import ScriptedLLM

REPLY = "Reply to Sarah saying I will send the numbers by Thursday."
SUBJECT = "Re: Q3 budget numbers needed by Friday"


async def said(session: AgentSession, words: str) -> str:
    result = await session.run(user_input=words)
    return " ".join(
        event.item.text_content for event in result.events if event.type == "message" and event.item.role == "assistant"
    )


@pytest.fixture
async def call(demo_copy, tmp_path):
    """A caller's session on the demo mailbox, on Sarah's email. Every command here takes the
    fast path; the scripted model declines to write the reply, so the caller's words are used."""
    briefing = Briefing.of(await build_briefing(demo_copy, rules=[]))
    assistant = EmailAssistant(demo_copy.account, unread=5, briefing=briefing, mailbox=demo_copy, state_dir=tmp_path)
    async with AgentSession(llm=ScriptedLLM([(("short email replies",), "")])) as session:
        await session.start(assistant)
        assert "Sarah" in await said(session, "Read me the email from Sarah.")
        yield session


async def test_an_imap_restart_mid_call_loses_no_draft_and_the_send_goes_once(call, demo_copy, dovecot, smtp_server):
    assert "Thursday" in await said(call, REPLY)
    dovecot.restart()  # the session's IMAP connection dies with it
    assert "Sent to Sarah" in await said(call, "Send it.")
    assert len(smtp_server.messages) == 1
    assert await folder_subjects(demo_copy, "sent") == [SUBJECT]
    assert await folder_subjects(demo_copy, "drafts") == []
    assert "nothing waiting" in await said(call, "Send it.")
    assert len(smtp_server.messages) == 1


async def test_with_the_imap_server_down_the_caller_hears_so_and_can_go_on_when_it_is_back(call, demo_copy, dovecot):
    dovecot.stop(remove=False)
    try:
        down = await said(call, "Flag it.")
    finally:
        dovecot.start()
    assert "mail server" in down, down  # "I lost the connection to your mail server."
    assert await said(call, "Flag it.") == "Flagged."
    assert "Sarah" in await said(call, "Repeat that.")  # still on her email


# A connection lost after the message data went is "may have been sent": the next test.
@pytest.mark.parametrize("fail_at", ["rcpt", "data", "drop_at_rcpt"])
async def test_an_smtp_failure_keeps_the_draft_open_and_send_it_again_sends_once(call, demo_copy, tmp_path, fail_at):
    faulty = SMTPServer(handler=FaultySMTPHandler(fail_at=fail_at))
    faulty.start()
    try:
        demo_copy.account.smtp.port = faulty.port
        assert "Thursday" in await said(call, REPLY)
        failed = await said(call, "Send it.")
        assert "drafts" in failed.lower() and faulty.messages == [], failed
        assert await folder_subjects(demo_copy, "drafts") == [SUBJECT]
        assert "Sent to Sarah" in await said(call, "Send it.")  # the draft is still the open one
        assert len(faulty.messages) == 1
        assert await folder_subjects(demo_copy, "sent") == [SUBJECT]
    finally:
        faulty.stop()


async def test_a_server_that_queued_the_mail_and_lost_its_reply_is_said_honestly(call, demo_copy, tmp_path):
    faulty = SMTPServer(handler=FaultySMTPHandler(fail_at="lost_reply"))
    faulty.start()
    try:
        demo_copy.account.smtp.port = faulty.port
        assert "Thursday" in await said(call, REPLY)
        maybe = await said(call, "Send it.")
        assert "may have sent it" in maybe and "Sent to" not in maybe, maybe
        assert len(faulty.messages) == 1  # it did go
        assert await folder_subjects(demo_copy, "drafts") == [SUBJECT]
        assert "may have gone through" in await said(call, "Send it.")  # asked before resending
        assert len(faulty.messages) == 1
    finally:
        faulty.stop()


async def test_after_a_send_that_may_have_gone_a_second_send_it_is_the_go_ahead(call, demo_copy, smtp_server, tmp_path):
    assert "Thursday" in await said(call, REPLY)
    message_id = call.current_agent.pending["Message-ID"]
    SendJournal(tmp_path / "send-journal.json").set(message_id, "sending")  # a send cut off mid-SMTP
    assert "may have gone through" in await said(call, "Send it.")
    assert smtp_server.messages == []
    assert "Sent to Sarah" in await said(call, "Send it.")
    assert len(smtp_server.messages) == 1
