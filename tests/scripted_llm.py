"""ScriptedLLM: a stand-in for the LLM service that answers from a script, so that a flow's
plumbing (what reaches the model, what the assistant does with the answer) is tested
deterministically. The same flows also run against the real llama.cpp service.

A script is a list of (needles, answer): the first entry whose needles all appear in the
request (system and user text, lower-cased) gives the answer. Every request is kept."""

from __future__ import annotations

import uuid

from livekit.agents import APIConnectOptions, llm
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS


class ScriptedLLM(llm.LLM):
    def __init__(self, script: list[tuple[tuple[str, ...], str]]) -> None:
        super().__init__()
        self.script = script
        self.requests: list[str] = []

    @property
    def model(self) -> str:
        return "scripted"

    def answer(self, chat_ctx: llm.ChatContext) -> str:
        text = "\n".join(item.text_content or "" for item in chat_ctx.items if item.type == "message")
        self.requests.append(text)
        for needles, answer in self.script:
            if all(needle in text.lower() for needle in needles):
                return answer
        raise AssertionError(f"the script has no answer for: {text[-300:]!r}")

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools=None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        **_,
    ) -> llm.LLMStream:
        return _ScriptedStream(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


class _ScriptedStream(llm.LLMStream):
    async def _run(self) -> None:
        answer = self._llm.answer(self._chat_ctx)
        request = str(uuid.uuid4())
        for word in answer.split(" "):  # streamed in pieces, as a real model does
            self._event_ch.send_nowait(
                llm.ChatChunk(id=request, delta=llm.ChoiceDelta(role="assistant", content=word + " "))
            )
