"""The flows only a language model can do (writing a reply politely, "make it shorter",
"what does she want from me?"), run twice over the real demo inbox on Dovecot:

- with a ScriptedLLM, so the plumbing is checked exactly (what reaches the model, what the
  assistant does with its answer);
- with the real llama.cpp service and the packaged SmolLM2-135M, whose quality is recorded
  in test-artifacts/llm-flows.json, so the gap to a bigger model is visible.

Safety holds whatever the model says, and is asserted for both: nothing is sent before the
user says "send it", and every draft is in Drafts at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from livekit.agents import AgentSession
from livekit.plugins import openai

from mailvox.agent.assistant import EmailAssistant, _draft_words
from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.mail.briefing import build_briefing
from mailvox.agent.settings import AgentSettings

from ..helpers import folder_subjects
from ..scripted_llm import ScriptedLLM

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SARAH_REPLY = ["Re: Q3 budget numbers needed by Friday"]
SCRIPT = [
    (
        ("short email replies", "have it by friday"),
        "Thanks for the reminder. I'll have the Q3 numbers to you by Friday.",
    ),
    (
        ("short email replies", "something nice about the release"),
        "Great work on the release. Thanks to you and the team.",
    ),
    (("edit a short email reply", "shorter"), "I'll have them by Friday."),
    (
        ("untrusted", "what does she want from me"),
        "The final Q3 budget numbers by Friday noon, with headcount and cloud spend.",
    ),
    (("untrusted", "looks fine to me"), "Good. Say send it when you want it to go."),
]


async def said(running, text: str) -> str:
    result = await running.run(user_input=text)
    return " ".join(e.item.text_content for e in result.events if e.type == "message")


# Each flow asserts what must hold for any model (safety) and returns the quality checks
# a good model passes.


async def compose_a_reply(running, assistant, mailbox, smtp):
    await said(running, "Read me the email from Sarah.")
    heard = await said(running, "Reply to Sarah saying I'll have it by Friday.")
    assert await folder_subjects(mailbox, "drafts") == SARAH_REPLY and smtp.messages == []
    words = _draft_words(assistant.pending)
    return heard, {
        "written_by_the_model": assistant.drafted_by == "model",
        "keeps_friday": "Friday" in words,
        "more_than_the_dictation": len(words.split()) > len(["I'll", "have", "it", "by", "Friday."]),
        "read_back": words in heard,
    }


async def make_it_shorter(running, assistant, mailbox, smtp):
    await said(running, "Read me the email from Sarah.")
    await said(running, "Reply to Sarah saying I'll have it by Friday.")
    before = _draft_words(assistant.pending)
    heard = await said(running, "Make it shorter.")
    after = _draft_words(assistant.pending)
    assert await folder_subjects(mailbox, "drafts") == SARAH_REPLY and smtp.messages == []  # replaced, not added
    return heard, {"shorter": len(after) < len(before), "keeps_friday": "Friday" in after, "read_back": after in heard}


async def draft_from_a_request(running, assistant, mailbox, smtp):
    heard = await said(running, "Please draft something nice for Bob about the release.")
    drafts = await folder_subjects(mailbox, "drafts")
    assert drafts in ([], ["Re: Is the release still on for Thursday?"]) and smtp.messages == []
    words = _draft_words(assistant.pending) if assistant.pending is not None else ""
    return heard, {"drafted": bool(drafts), "about_the_release": "release" in words.lower()}


async def question_about_the_email(running, assistant, mailbox, smtp):
    await said(running, "Read me the email from Sarah.")
    heard = await said(running, "What does she want from me?")
    assert smtp.messages == []
    # A good answer is short; a model that reads the whole email back is not answering.
    return heard, {
        "says_budget": "budget" in heard.lower(),
        "says_friday": "friday" in heard.lower(),
        "short": len(heard.split()) <= 25,
    }


async def no_send_until_told(running, assistant, mailbox, smtp):
    await said(running, "Read me the email from Sarah.")
    await said(running, "Reply to Sarah saying I'll have it by Friday.")
    heard = await said(running, "Looks fine to me.")  # approval, but not "send it"
    assert smtp.messages == []
    await said(running, "Send it.")
    assert len(smtp.messages) == 1 and smtp.messages[0].rcpt_tos == ["sarah.chen@northwind.example"]
    return heard, {"sent_once_after_send_it": len(smtp.messages) == 1}


FLOWS = [compose_a_reply, make_it_shorter, draft_from_a_request, question_about_the_email, no_send_until_told]


@pytest.fixture(scope="module")
def report():
    results: dict[str, dict] = {"scripted": {}, "smollm2-135m": {}}
    yield results
    summary = {
        backend: {"flows_passed": sum(r["passed"] for r in flows.values()), "flows": len(flows)}
        for backend, flows in results.items()
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "llm-flows.json").write_text(json.dumps({"summary": summary, "flows": results}, indent=2))


@pytest.mark.parametrize("backend", ["scripted", "smollm2-135m"])
@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: f.__name__)
async def test_llm_flow(flow, backend, report, demo_copy, smtp_server, llm_service, tmp_path):
    briefing = Briefing.of(await build_briefing(demo_copy, rules=[]))
    # The question flow is about the LLM's answer: without llm_answers the understanding layer
    # answers it from the email's own sentences and the model is never asked.
    llm_answers = flow is question_about_the_email
    assistant = EmailAssistant(
        demo_copy.account, 5, briefing, mailbox=demo_copy, state_dir=tmp_path, llm_answers=llm_answers
    )
    settings = AgentSettings()
    if backend == "scripted":
        model = ScriptedLLM(SCRIPT)
    else:
        model = openai.LLM(
            model=settings.llm_model,
            base_url=f"{llm_service.url}/v1",
            api_key="local",
            max_completion_tokens=settings.llm_max_tokens,
        )
    async with AgentSession(llm=model) as running:
        await running.start(assistant)
        heard, checks = await flow(running, assistant, demo_copy, smtp_server)
    report[backend][flow.__name__] = {"passed": all(checks.values()), "checks": checks, "heard": heard}
    if backend == "scripted":
        assert all(checks.values()), (checks, heard)
        assert model.requests, "the flow never reached the model"
