"""Two Sarahs in the demo inbox on Dovecot, inside a real AgentSession (text mode): "Sarah" is
asked about ("Sarah Chen or Sarah Park?") and the next answer picks one, for going to an email
and for a dictated reply; a full name or a recognizer's spelling of it goes straight there."""

from __future__ import annotations

import pytest
from livekit.agents import AgentSession

from mailvox.agent.assistant import EmailAssistant
from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.mail.briefing import build_briefing

from ..helpers import folder_subjects, said, until_greeted
from ..scripted_llm import ScriptedLLM

SARAH_PARK = b"""From: Sarah Park <sarah.park@contoso.example>
To: Alex Morgan <alex@northwind.example>
Subject: Parking passes for the offsite
Date: Tue, 24 Nov 2026 08:05:00 -0500
Message-ID: <parking-001@contoso.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hi Alex, the parking passes for the offsite are at the front desk. Sarah
"""
# Asked to write the reply, it writes nothing usable, so the user's own words go in.
NO_WRITING = ScriptedLLM([(("short email replies",), "")])


@pytest.fixture
async def session(demo_copy, tmp_path):
    await demo_copy.imap.call(lambda client: client.append("INBOX", SARAH_PARK))
    briefing = Briefing.of(await build_briefing(demo_copy, rules=[]))
    assistant = EmailAssistant(demo_copy.account, unread=6, briefing=briefing, mailbox=demo_copy, state_dir=tmp_path)
    async with AgentSession(llm=NO_WRITING) as running:
        await running.start(assistant)
        # the greeting first, as in a call
        await until_greeted(running)
        yield running, assistant


async def test_which_sarah_is_asked_and_the_answer_goes_to_her_email(session):
    running, assistant = session
    question = await said(running, "Read me the email from Sarah.")
    assert question in ("Sarah Chen or Sarah Park?", "Sarah Park or Sarah Chen?")
    assert assistant.briefing.current is None  # nothing chosen for the caller
    assert (await said(running, "Park.")).startswith("From Sarah Park: Parking passes for the offsite.")


async def test_a_reply_to_sarah_waits_for_which_one_and_goes_to_her(session, demo_copy):
    running, _ = session
    assert (await said(running, "Reply to Sarah saying I'll call you at noon.")).endswith("?")
    assert await folder_subjects(demo_copy, "drafts") == []  # nothing written to a guessed Sarah
    answer = await said(running, "Sarah Chen.")
    assert "I'll call you at noon" in answer, answer
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Q3 budget numbers needed by Friday"]


async def test_an_answer_that_names_neither_is_understood_afresh(session):
    running, assistant = session
    await said(running, "Go to the email from Sarah.")
    assert (await said(running, "Next.")).startswith(f"From {assistant.briefing.items[0].sender}:")


@pytest.mark.parametrize("name", ["Sarah Park", "Sara Park"])
async def test_a_full_name_or_its_misspelling_goes_straight_to_her(session, name):
    running, _ = session
    assert (await said(running, f"Read me the email from {name}.")).startswith("From Sarah Park:")
