"""A request cut in two by a pause, inside a real AgentSession (text mode) over the demo inbox
on Dovecot: the fragment gets only "Go on." and nothing is done with it; the continuation is
joined to it and the whole request is carried out."""

from __future__ import annotations

import pytest
from livekit.agents import AgentSession

from mailvox.agent.assistant import EmailAssistant
from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.conversation.turns import GO_ON
from mailvox.agent.mail.briefing import build_briefing

from ..helpers import folder_subjects, said, until_greeted
from ..scripted_llm import ScriptedLLM

# Asked to write the reply, it writes nothing usable, so the user's own words go in.
NO_WRITING = ScriptedLLM([(("short email replies",), "")])


@pytest.fixture
async def session(demo_copy, tmp_path):
    briefing = Briefing.of(await build_briefing(demo_copy, rules=[]))
    assistant = EmailAssistant(demo_copy.account, unread=5, briefing=briefing, mailbox=demo_copy, state_dir=tmp_path)
    async with AgentSession(llm=NO_WRITING) as running:
        await running.start(assistant)
        # the greeting first, as in a call: a fragment is joined only across the agent's silence
        await until_greeted(running)
        yield running, assistant


async def test_read_me_the_email_from_pause_sarah_reads_sarahs_email(session):
    running, _ = session
    assert await said(running, "Read me the email from.") == GO_ON
    assert (await said(running, "Sarah.")).startswith("From Sarah Chen:")


async def test_a_reply_cut_after_saying_drafts_the_whole_reply(session, demo_copy):
    running, _ = session
    assert await said(running, "Reply to Sarah saying") == GO_ON
    assert await folder_subjects(demo_copy, "drafts") == []  # nothing is done with half a reply
    answer = await said(running, "I'll have it by Friday.")
    assert "I'll have it by Friday" in answer, answer
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Q3 budget numbers needed by Friday"]


async def test_a_new_command_after_a_cut_turn_is_not_joined(session):
    running, assistant = session
    assert await said(running, "Reply to Sarah saying") == GO_ON
    assert (await said(running, "Next.")).startswith(f"From {assistant.briefing.items[0].sender}:")
