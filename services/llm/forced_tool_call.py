"""A required tool call for a model whose chat template has no tool-call format.

llama-server puts tools into the prompt only through the model's own template; SmolLM2's has no
place for them (``/props`` reports ``chat_template_caps.supports_tool_calls: false``), so a
"required" tool choice used to come back as free text. For such a model the front asks the engine
for JSON that matches the tool's parameters (llama-server's ``json_schema``, a grammar on the
output) and hands the caller that JSON as an OpenAI tool call, streamed or not.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

ANY_OBJECT: dict[str, Any] = {"type": "object"}


@dataclass(frozen=True)
class ForcedToolCall:
    """The tools one request must choose from, and whether the caller asked for a stream."""

    names: tuple[str, ...]
    stream: bool
    include_usage: bool

    @property
    def named(self) -> bool:
        """One tool: the JSON is its arguments; several: {"name": ..., "arguments": ...}."""
        return len(self.names) == 1


def forced_tool_call(body: dict[str, Any], *, template_has_tools: bool) -> ForcedToolCall | None:
    """The forced call this request needs, or None where the engine can answer it itself (a
    template with a tool-call format, or no tool required)."""
    tools = body.get("tools")
    if template_has_tools or body.get("tool_choice") != "required" or not isinstance(tools, list) or not tools:
        return None
    names = tuple(str((tool.get("function") or {}).get("name", "")) for tool in tools)
    options = body.get("stream_options") or {}
    return ForcedToolCall(names, bool(body.get("stream")), bool(options.get("include_usage")))


def as_schema_request(body: dict[str, Any]) -> dict[str, Any]:
    """The same request, asking for JSON in the tools' parameters' shape instead of tools.
    The engine answers it whole: a tool call is not spoken, so nothing is gained by a stream."""
    functions = [tool.get("function") or {} for tool in body["tools"]]
    if len(functions) == 1:
        schema = functions[0].get("parameters") or ANY_OBJECT
    else:
        schema = {
            "anyOf": [
                {
                    "type": "object",
                    "properties": {
                        "name": {"const": function.get("name")},
                        "arguments": function.get("parameters") or ANY_OBJECT,
                    },
                    "required": ["name", "arguments"],
                }
                for function in functions
            ]
        }
    unwanted = ("tools", "tool_choice", "parallel_tool_calls", "stream", "stream_options", "response_format")
    return {**{k: v for k, v in body.items() if k not in unwanted}, "json_schema": schema}


def _tool_call(forced: ForcedToolCall, content: str) -> dict[str, Any] | None:
    try:
        value = json.loads(content)
    except (TypeError, ValueError):
        return None  # cut off by the token limit: no call, and the answer says "length"
    if forced.named:
        name, arguments = forced.names[0], value
    elif isinstance(value, dict) and value.get("name") in forced.names:
        name, arguments = value["name"], value.get("arguments", {})
    else:
        return None
    return {
        "id": f"call_{uuid.uuid4().hex[:24]}",
        "type": "function",
        "function": {"name": name, "arguments": json.dumps(arguments)},
    }


def as_tool_call_completion(forced: ForcedToolCall, completion: dict[str, Any]) -> dict[str, Any]:
    """The engine's JSON answer as an assistant message with one tool call. An answer that is
    not whole JSON (the token limit cut it) is returned as it came."""
    choice = completion["choices"][0]
    call = _tool_call(forced, choice["message"].get("content") or "")
    if call is None:
        return completion
    message = {"role": "assistant", "content": None, "tool_calls": [call]}
    return {**completion, "choices": [{**choice, "message": message, "finish_reason": "tool_calls"}]}


def as_tool_call_stream(forced: ForcedToolCall, completion: dict[str, Any]) -> bytes:
    """The same answer as OpenAI's server-sent chunks: the call in one delta, then the finish
    reason, the usage where asked, and [DONE]."""
    answer = as_tool_call_completion(forced, completion)
    choice = answer["choices"][0]
    message = choice["message"]
    base = {
        "id": answer.get("id", f"chatcmpl-{uuid.uuid4().hex}"),
        "object": "chat.completion.chunk",
        "created": answer.get("created", int(time.time())),
        "model": answer.get("model", ""),
    }
    if message.get("tool_calls"):
        delta = {"role": "assistant", "content": None, "tool_calls": [{"index": 0, **message["tool_calls"][0]}]}
    else:
        delta = {"role": "assistant", "content": message.get("content") or ""}
    chunks = [
        {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]},
        {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": choice.get("finish_reason")}]},
    ]
    if forced.include_usage and "usage" in answer:
        chunks.append({**base, "choices": [], "usage": answer["usage"]})
    return b"".join(f"data: {json.dumps(chunk)}\n\n".encode() for chunk in chunks) + b"data: [DONE]\n\n"
