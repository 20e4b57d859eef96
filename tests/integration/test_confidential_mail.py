"""Mail marked confidential (Sensitivity header, an IMAP keyword, a folder in the admin's policy)
is briefed without its words and read only after the caller asks for it; where the policy
forbids it, never. Typed through a real AgentSession over the demo mailbox in Dovecot; the LLM
writes nothing (FAST_PATH_ONLY)."""

from __future__ import annotations

import pytest
from livekit.agents import AgentSession

from mailvox.agent.assistant import EmailAssistant
from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.conversation.quoting import quoted_email
from mailvox.agent.mail.briefing import build_briefing

from ..helpers import folder_subjects
from .test_conversation import FAST_PATH_ONLY, said

SECRET_WORDS = ("merges", "operations", "March", "Restructuring", "Friday")

CONFIDENTIAL = (
    b"From: Jamie Lee <jamie.lee@northwind.example>\r\nTo: Alex Morgan <alex@northwind.example>\r\n"
    b"Subject: Restructuring plan\r\nSensitivity: Company-Confidential\r\n"
    b"Date: Tue, 24 Nov 2026 10:00:00 -0500\r\nMessage-ID: <restructuring@northwind.example>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Finance merges with operations on March 1. Can you confirm your team's numbers by Friday?\r\n"
)


async def _session(demo_copy, dovecot, tmp_path):
    dovecot.deliver(demo_copy.account.identity, CONFIDENTIAL)
    briefing = Briefing.of(await build_briefing(demo_copy, rules=[]))
    assistant = EmailAssistant(demo_copy.account, unread=6, briefing=briefing, mailbox=demo_copy, state_dir=tmp_path)
    running = AgentSession(llm=FAST_PATH_ONLY)
    await running.start(assistant)
    return running, assistant


@pytest.fixture
async def confidential_call(demo_copy, dovecot, tmp_path):
    running, assistant = await _session(demo_copy, dovecot, tmp_path)
    async with running:
        yield running, assistant


async def test_it_is_briefed_without_its_words_and_read_when_the_caller_says_yes(confidential_call):
    running, assistant = confidential_call
    briefed = await said(running, "Read me the email from Jamie.")
    assert briefed == (
        "From Jamie Lee: an email marked confidential. I haven't read it out in case someone's with you. "
        "Shall I read it?"
    ), briefed
    item = assistant.briefing.current
    assert item.triaged.reasons[-1] == "marked confidential"  # no "due Friday" taken from its words
    assert not any(word in quoted_email(item) for word in SECRET_WORDS)  # nor shown to a model
    asked = await said(running, "What does it say about the numbers?")
    assert asked.startswith("Jamie Lee's email is marked confidential.") and "Shall I read it?" in asked
    assert not any(word in asked for word in SECRET_WORDS)
    heard = await said(running, "Yes.")
    assert "Finance merges with operations on March 1." in heard, heard
    assert "merges" in quoted_email(item)  # asked for: now it is like any other email


async def test_after_a_no_a_plain_read_it_reads_it(confidential_call):
    running, _ = confidential_call
    await said(running, "Go to Jamie's email.")
    assert await said(running, "No.") == "Okay."
    assert "Finance merges with operations" in await said(running, "Actually, read it.")


async def test_a_reply_or_forward_asks_first_and_writes_nothing_before_it_is_heard(confidential_call, demo_copy):
    running, _ = confidential_call
    await said(running, "Go to Jamie's email.")
    for asked in ("Forward this to Bob.", "Reply to Jamie saying I'll look at it tonight."):
        heard = await said(running, asked)
        assert heard.startswith("Jamie Lee's email is marked confidential.") and heard.endswith("Shall I read it?"), (
            heard
        )
        assert not any(word in heard for word in SECRET_WORDS), heard
    assert await folder_subjects(demo_copy, "drafts") == []
    assert "Finance merges with operations" in await said(running, "Yes.")
    reply = await said(running, "Reply to Jamie saying I'll look at it tonight.")
    assert reply.startswith("Here's your reply to Jamie Lee: I'll look at it tonight."), reply


async def test_where_the_policy_refuses_it_is_never_read_aloud(demo_copy, dovecot, tmp_path):
    demo_copy.account.policy.confidential = "refuse"
    running, _ = await _session(demo_copy, dovecot, tmp_path)
    async with running:
        briefed = await said(running, "Read me the email from Jamie.")
        assert briefed == (
            "From Jamie Lee: an email marked confidential. "
            "Your administrator doesn't allow confidential mail to be read aloud."
        ), briefed
        for asked in ("Read it.", "Yes, read the whole thing.", "What's the subject?"):
            heard = await said(running, asked)
            assert "confidential" in heard and not any(word in heard for word in SECRET_WORDS), (asked, heard)


async def test_where_the_policy_reads_it_it_is_like_any_other_email(demo_copy, dovecot, tmp_path):
    demo_copy.account.policy.confidential = "read"
    running, _ = await _session(demo_copy, dovecot, tmp_path)
    async with running:
        briefed = await said(running, "Read me the email from Jamie.")
        assert briefed.startswith("From Jamie Lee: Restructuring plan. Finance merges with operations"), briefed
