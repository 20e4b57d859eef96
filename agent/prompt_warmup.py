"""Reads the LLM's next prompt ahead of the user's question.

On a small box most of an LLM turn's wait is the model reading its prompt: the instructions,
the conversation so far and the email being heard, some 600 tokens and about 1.1 s on two
cores (SmolLM2-135M), against 0.03 s for the question alone. The LLM service keeps the
state of the prompt it read last and reuses the longest common prefix, so after each of the
agent's answers this sends the prompt as the next turn will begin, asking for one token.
The user's question then costs only its own few words.

The reading goes through an LLM client of its own (the same service, one token), so the
session's latency metrics count only the turns the user waits for.
"""

from __future__ import annotations

import asyncio
import logging

from livekit.agents import AgentSession, llm

logger = logging.getLogger("mailvox.agent")


def keep_prompt_warm(session: AgentSession, reader: llm.LLM, prompt_for_next_turn) -> None:
    """After each of the agent's answers, have `reader` (a client of the session's LLM
    service) read `prompt_for_next_turn()`, a ChatContext."""
    pending: set[asyncio.Task] = set()

    @session.on("conversation_item_added")
    def _answered(event) -> None:
        if event.item.type != "message" or event.item.role != "assistant":
            return
        for task in list(pending):
            task.cancel()  # an older warm-up is out of date
        task = asyncio.create_task(_read(reader, prompt_for_next_turn()))
        pending.add(task)
        task.add_done_callback(pending.discard)


async def _read(model: llm.LLM, chat_ctx: llm.ChatContext) -> None:
    try:
        async with model.chat(chat_ctx=chat_ctx) as stream:
            async for _ in stream:
                pass
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # a warm-up is only a head start: its failure must not end the session
        logger.info("reading the next prompt ahead failed: %s", exc)
