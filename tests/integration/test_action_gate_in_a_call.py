"""The action gate through the whole assistant: a real AgentSession (text mode, fast path), the
demo mailbox on Dovecot, a real SMTP server. "Send it" needs a read-back heard to its end;
rules are read back before they are written and can be undone; every action is audited and
the caller can hear what they did today; the admin's policy holds."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from livekit.agents import AgentSession
from livekit.agents.voice.io import TextOutput

from mailvox.agent.assistant import EmailAssistant
from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.mail import AuditTrail, Policy
from mailvox.agent.mail.briefing import build_briefing
from mailvox.agent.mail.rules import LocalRules, Rule

from ..helpers import deliver_and_rebrief, folder_subjects
from ..scripted_llm import ScriptedLLM

REPLY = "Reply to Sarah saying I will send the numbers by Thursday."
DANA = (
    b"From: Dana <dana@partner.example>\r\nTo: test@northwind.example\r\n"
    b"Subject: Contract\r\nMessage-ID: <contract-1@partner.example>\r\n\r\nCan you sign?\r\n"
)


async def said(session: AgentSession, words: str) -> str:
    result = await session.run(user_input=words)
    return " ".join(
        event.item.text_content for event in result.events if event.type == "message" and event.item.role == "assistant"
    )


@contextlib.asynccontextmanager
async def call(demo_copy, state_dir, policy: Policy | None = None):
    account = demo_copy.account if policy is None else demo_copy.account.model_copy(update={"policy": policy})
    briefing = Briefing.of(await build_briefing(demo_copy, rules=[]))
    assistant = EmailAssistant(account, unread=5, briefing=briefing, mailbox=demo_copy, state_dir=state_dir)
    async with AgentSession(llm=ScriptedLLM([(("short email replies",), "")])) as session:
        await session.start(assistant)
        yield session, assistant


class SlowSpeaker(TextOutput):
    """The caller's end: what the agent says takes seconds to play, so it can be spoken over."""

    def __init__(self) -> None:
        super().__init__(label="SlowSpeaker", next_in_chain=None)
        self.playing = asyncio.Event()

    async def capture_text(self, text: str) -> None:
        self.playing.set()
        await asyncio.sleep(5)

    def flush(self) -> None:
        pass


# --- "send it" ---------------------------------------------------------------------------------


async def test_send_it_after_a_read_back_the_caller_spoke_over_reads_it_back_again(demo_copy, smtp_server, tmp_path):
    async with call(demo_copy, tmp_path) as (session, _):
        await said(session, "Read me the email from Sarah.")
        speaker = SlowSpeaker()
        session.output.transcription = speaker
        reading = session.run(user_input=REPLY)  # starts at once; awaited below
        await asyncio.wait_for(speaker.playing.wait(), 30)
        await session.interrupt()  # the caller barges in mid read-back
        with contextlib.suppress(Exception):
            await reading
        session.output.transcription = None
        again = await said(session, "Send it.")
        assert again.startswith("You didn't hear it to the end, so here it is again. Here's your reply to Sarah Chen")
        assert smtp_server.messages == []
        assert await said(session, "Send it.") == "Sent to Sarah Chen."
        assert len(smtp_server.messages) == 1


async def test_send_it_after_going_to_another_email_reads_it_back_first(demo_copy, smtp_server, tmp_path):
    async with call(demo_copy, tmp_path) as (session, _):
        await said(session, REPLY)
        await said(session, "Read me the email from Bob.")
        again = await said(session, "Send it.")
        assert again.startswith("We've moved on since I read it back, so here it is again. Here's your reply to Sarah")
        assert smtp_server.messages == []
        assert await said(session, "Send it.") == "Sent to Sarah Chen."


async def test_send_it_long_after_the_read_back_reads_it_back_first(demo_copy, smtp_server, tmp_path):
    async with call(demo_copy, tmp_path, Policy(send_confirm_s=0.5)) as (session, _):
        await said(session, REPLY)
        await asyncio.sleep(1)
        assert (await said(session, "Send it.")).startswith("It's been a while since I read it back")
        assert smtp_server.messages == []


# --- rules -------------------------------------------------------------------------------------


async def test_mute_reads_the_address_back_then_writes_and_undo_removes_it(demo_copy, tmp_path):
    rules = LocalRules(tmp_path / "rules.json")
    async with call(demo_copy, tmp_path) as (session, _):
        assert await said(session, "Mute VendorX.") == "Mute news@vendorx.example?"
        assert await rules.list() == []
        assert await said(session, "Yes.") == (
            "Okay, I'll skip mail from news@vendorx.example. That's a rule I keep for you."
        )
        assert await rules.list() == [Rule("mute", "news@vendorx.example")]
        assert await said(session, "Undo.") == "Undone: I'll tell you about mail from news@vendorx.example again."
        assert await rules.list() == []
        assert await said(session, "Undo.") == "There's nothing to undo."


async def test_a_mute_answered_no_writes_nothing(demo_copy, tmp_path):
    async with call(demo_copy, tmp_path) as (session, _):
        assert await said(session, "Mute VendorX.") == "Mute news@vendorx.example?"
        assert await said(session, "No.") == "Okay."
        assert (
            await said(session, "Yes.")
            != "Okay, I'll skip mail from news@vendorx.example. That's a rule I keep for you."
        )
        assert await LocalRules(tmp_path / "rules.json").list() == []


async def test_mute_him_on_the_current_email_names_its_sender_and_a_pronoun_alone_names_nobody(demo_copy, tmp_path):
    async with call(demo_copy, tmp_path) as (session, _):
        assert await said(session, "Mute him.") == "Whose mail? Say the sender's name."  # no email open
        await said(session, "Read me the email from Bob.")
        assert (await said(session, "Mute him.")).startswith("Mute ") and "@" in await said(session, "Mute him.")
        assert await said(session, "Mute Zebedee.") == "I can't find mail from zebedee, so I made no rule."


async def test_unmute_reads_back_and_removes_the_rule(demo_copy, tmp_path):
    rules = LocalRules(tmp_path / "rules.json")
    await rules.add(Rule("mute", "news@vendorx.example"))
    async with call(demo_copy, tmp_path) as (session, _):
        assert await said(session, "Unmute VendorX.") == "Unmute news@vendorx.example?"
        assert await rules.list() == [Rule("mute", "news@vendorx.example")]
        assert await said(session, "Yes.") == "Okay, I'll tell you about mail from news@vendorx.example again."
        assert await rules.list() == []
        assert await said(session, "Undo.") == "Undone: mail from news@vendorx.example is muted again."
        assert await rules.list() == [Rule("mute", "news@vendorx.example")]


# --- the audit trail ---------------------------------------------------------------------------


async def test_every_action_is_audited_and_what_did_i_do_today_says_it(demo_copy, smtp_server, tmp_path):
    async with call(demo_copy, tmp_path) as (session, _):
        assert await said(session, "What did I do today?") == "You haven't done anything to your mail by voice today."
        await said(session, "Read me the email from Bob.")
        assert await said(session, "Archive it.") == "Archived."
        await said(session, "Mute VendorX.")
        await said(session, "Yes.")
        await said(session, REPLY)
        await said(session, "Send it.")
        today = await said(session, "What did I do today?")
    assert today == (
        "Today you archived 'Is the release still on for Thursday?', muted news@vendorx.example "
        "and sent a reply to sarah.chen@northwind.example."
    )
    archived, muted, sent = AuditTrail(tmp_path / "audit.jsonl").records()
    assert (archived.action, archived.said, archived.result, archived.undoable) == (
        "archive",
        "Archive it.",
        "done",
        True,
    )
    [message] = archived.messages
    assert message.folder == "INBOX" and message.uid > 0 and message.message_id.endswith("@northwind.example>")
    assert message.subject == "Is the release still on for Thursday?"
    assert (muted.action, muted.said, muted.target) == ("mute", "Mute VendorX. / Yes.", "news@vendorx.example")
    assert (sent.action, sent.said, sent.target, sent.result) == (
        "send",
        "Send it.",
        "sarah.chen@northwind.example",
        "done",
    )


async def test_an_action_on_mail_is_undone_and_the_undo_is_audited(demo_copy, tmp_path):
    async with call(demo_copy, tmp_path) as (session, _):
        await said(session, "Read me the email from VendorX.")
        assert await said(session, "Delete it.") == "Moved to Trash. Say undo to bring it back."
        assert await said(session, "Undo.") == "Undone: it's no longer moved to Trash."
    assert await folder_subjects(demo_copy, "trash") == []
    deleted, undone = AuditTrail(tmp_path / "audit.jsonl").records()
    assert deleted.messages[0].folder == "INBOX" and undone.action == "undo"
    assert undone.messages[0].folder != "INBOX"  # it was undone where the delete had put it


# --- the admin's policy ------------------------------------------------------------------------


async def test_policy_sending_off_keeps_the_reply_in_drafts(demo_copy, smtp_server, tmp_path):
    async with call(demo_copy, tmp_path, Policy(sending=False)) as (session, _):
        await said(session, REPLY)
        refused = await said(session, "Send it.")
    assert refused == "Your administrator has turned off sending by voice. It stays in your drafts."
    assert smtp_server.messages == []
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Q3 budget numbers needed by Friday"]
    [record] = AuditTrail(tmp_path / "audit.jsonl").records()
    assert record.action == "send" and record.result.startswith("refused:")


async def test_policy_outside_sends_need_an_extra_yes(demo_copy, dovecot, smtp_server, tmp_path):
    async with call(demo_copy, tmp_path, Policy(outside_sends="confirm")) as (session, assistant):
        await deliver_and_rebrief(assistant, demo_copy, dovecot, DANA)
        await said(session, "Reply to Dana saying I'll sign tomorrow.")
        asked = await said(session, "Send it.")
        assert asked == "It goes outside your company, to dana@partner.example. Shall I send it?"
        assert smtp_server.messages == []
        assert await said(session, "Yes.") == "Sent to Dana."
        assert smtp_server.messages[0].rcpt_tos == ["dana@partner.example"]


async def test_policy_outside_sends_refused(demo_copy, dovecot, smtp_server, tmp_path):
    async with call(demo_copy, tmp_path, Policy(outside_sends="refuse")) as (session, assistant):
        await deliver_and_rebrief(assistant, demo_copy, dovecot, DANA)
        await said(session, "Reply to Dana saying I'll sign tomorrow.")
        refused = await said(session, "Send it.")
        assert "doesn't allow sending outside the company" in refused
        assert await said(session, "Yes.") != "Sent to Dana."
    assert smtp_server.messages == []


async def test_policy_folders_not_read_aloud(demo_copy, tmp_path):
    async with call(demo_copy, tmp_path, Policy(read_aloud_folders=["Archive"])) as (session, _):
        heard = await said(session, "Read me the email from Sarah.")
        assert heard == "Your administrator doesn't let me read mail from INBOX aloud."
        assert "budget" not in (await said(session, "Read the whole thing.")).lower()


@pytest.mark.parametrize("over, asked", [(0, True), (1, False)])
async def test_policy_bulk_confirmation_counts_messages(demo_copy, tmp_path, over, asked):
    """One email is "bulk" only for a policy that asks about every action (bulk_confirm_over: 0)."""
    async with call(demo_copy, tmp_path, Policy(bulk_confirm_over=over)) as (session, _):
        await said(session, "Read me the email from Bob.")
        first = await said(session, "Flag it.")
        assert (first == "That's one email. Shall I flag it?") is asked
        if asked:
            assert await said(session, "Yes.") == "Flagged."
