"""A model service that dies mid-session costs the caller one answer, not the call: the
assistant apologizes instead of going silent, LiveKit's limit of three failures in a row
does not end the session, and the first question after the service is back is answered.

The LLM service here is a real one of its own (the packaged SmolLM2), killed as a crash
would kill it and started again on the same port."""

from __future__ import annotations

import contextlib

import pytest
from livekit.agents import AgentSession, APIConnectionError
from livekit.plugins import openai

from mailvox.agent.adapters.tts import ServiceTTS
from mailvox.agent.assistant import EmailAssistant
from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.mail.briefing import build_briefing
from mailvox.agent.outages import APOLOGIES, SERVICE_CONN_OPTIONS, OutageApology
from mailvox_dev.devservers.stack import ModelService


@pytest.fixture
def own_llm_service(tmp_path):
    service = ModelService("llm", tmp_path / "logs")
    service.start()
    yield service
    service.stop()


def assistant_words(result) -> list[str]:
    return [
        event.item.text_content for event in result.events if event.type == "message" and event.item.role == "assistant"
    ]


async def test_an_llm_crash_costs_one_answer_with_an_apology_and_not_the_call(demo_copy, own_llm_service, tmp_path):
    briefing = Briefing.of(await build_briefing(demo_copy, rules=[]))
    # llm_answers: the question must reach the LLM (else it is answered from the email itself).
    assistant = EmailAssistant(
        demo_copy.account, unread=5, briefing=briefing, mailbox=demo_copy, state_dir=tmp_path, llm_answers=True
    )
    model = openai.LLM(
        model="mailvox-llm", base_url=f"{own_llm_service.url}/v1", api_key="local", max_completion_tokens=24
    )
    async with AgentSession(llm=model, conn_options=SERVICE_CONN_OPTIONS) as running:
        outages = OutageApology(running)
        await running.start(assistant)

        own_llm_service.process.kill()
        failures = []
        running.on("error", lambda event: failures.append(event.error.type))
        for _ in range(4):  # past LiveKit's three failures in a row; one apology is enough
            with contextlib.suppress(APIConnectionError):  # text mode may hand the error to the caller
                await running.run(user_input="What does Sarah need from me?")
        assert failures.count("llm_error") >= 4, failures
        assert outages.apologies == 1 and outages.speech is not None
        await outages.speech
        said = [item.text_content for item in running.history.items if getattr(item, "role", None) == "assistant"]
        assert said.count(APOLOGIES["llm_error"]) == 1, said

        own_llm_service.start()
        back = assistant_words(await running.run(user_input="What does Sarah need from me?"))
        assert back and all(words.strip() and words not in APOLOGIES.values() for words in back), back


async def test_the_apology_for_a_tts_outage_is_spoken_ahead_of_time(tts_service):
    tts = await ServiceTTS.connect(tts_service.url)
    async with AgentSession(tts=tts) as running:
        outages = OutageApology(running)
        await outages.prepare()
    await tts.aclose()
    seconds = sum(frame.samples_per_channel / frame.sample_rate for frame in outages.spoken_apology)
    assert 1.0 < seconds < 6.0, seconds  # "Sorry, my voice is restarting. Give me a moment."
