"""The LLM service: llama.cpp's own llama-server (engine.py: parallel slots, continuous
batching, a prompt cache per slot) behind a thin front that keeps MailVox's contract:

- the OpenAI-style routes (``/v1/chat/completions`` with streaming and tool calls,
  ``/v1/completions``, ``/v1/models``) are relayed to the engine on loopback, byte for byte;
- a malformed request is refused with 400/422 and a clear message, and every request gets a
  token limit no larger than the service's (RequestChecks);
- a required tool call, for a model whose chat template has no tool-call format, is asked of the
  engine as JSON in the tool's parameters' shape and answered as a tool call (forced_tool_call.py);
- ``/health``, ``/ready`` (the engine has loaded its model) and ``/metrics`` (the service's
  own, then the engine's ``llamacpp:*`` slots, queue and token counters).

llama-cpp-python stays for two things: its sdist is the pinned llama.cpp source the engine is
built from, and its request types (``llama_cpp.server.types``) are the schema the front checks
requests against. It no longer runs the model.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from llama_cpp.server.types import CreateChatCompletionRequest, CreateCompletionRequest
from pydantic import BaseModel, ValidationError
from starlette.responses import JSONResponse, Response, StreamingResponse

from mailvox.services.common import ServiceError, create_app, serve

from .engine import LlamaServer
from .forced_tool_call import as_schema_request, as_tool_call_completion, as_tool_call_stream, forced_tool_call
from .settings import LLMSettings

logger = logging.getLogger(__name__)

REQUEST_MODELS: dict[str, type[BaseModel]] = {
    "/v1/chat/completions": CreateChatCompletionRequest,
    "/v1/completions": CreateCompletionRequest,
}
TOKEN_LIMITS = ("max_tokens", "max_completion_tokens")


def is_positive_int(value) -> bool:
    # llama.cpp reads a limit of 0 or less as "until the context is full" (or as no limit).
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def not_a_json_number(literal: str) -> float:
    raise ValueError(f"{literal} is not a JSON number")


def refuse(message: str, status: int = 422) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": "invalid_request_error"}}, status_code=status)


class RequestChecks:
    """Before the engine sees a request (ASGI, so the body can be rewritten):

    - a malformed one is answered 400/422 with a clear message, as the other services do
      (the engine answers some with a 500, or reads a wrong type as its default);
    - its token limit is applied: OpenAI clients (livekit-plugins-openai among them) now send
      `max_completion_tokens`, older ones `max_tokens`, and without a limit a small model can
      ramble until the context is full, holding a shared slot. Where a request gives both, the
      smaller counts (the agent's prompt warm-up asks for one token through a client
      configured with the usual limit). A limit that is not a positive whole number is
      refused: llama.cpp would read it as no limit, or fail;
    - a tool choice that names one function is asked as "required" with that function alone:
      llama-server knows only "auto", "none" and "required", and reads a named one as "auto".
    """

    def __init__(self, app, cap: int) -> None:
        self.app = app
        self.cap = cap

    async def __call__(self, scope, receive, send) -> None:
        model = REQUEST_MODELS.get(scope.get("path", "")) if scope["type"] == "http" else None
        if model is None or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        raw = b""
        while True:
            message = await receive()
            raw += message.get("body", b"")
            if not message.get("more_body"):
                break
        try:
            model.model_validate_json(raw)
        except ValidationError as exc:
            status = 400 if any(e["type"] == "json_invalid" for e in exc.errors()) else 422
            detail = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors())
            return await refuse(detail, status)(scope, receive, send)
        try:
            body = json.loads(raw, parse_constant=not_a_json_number)
        except ValueError as exc:  # Python's reader takes NaN and Infinity; the engine's answers a 500
            return await refuse(f"body: {exc}", 400)(scope, receive, send)
        limits = {name: body.pop(name, None) for name in TOKEN_LIMITS}
        wrong = [name for name, n in limits.items() if n is not None and not is_positive_int(n)]
        if wrong:
            return await refuse(f"{wrong[0]}: must be a whole number of tokens, 1 or more")(scope, receive, send)
        if "prompt" in body and not body["prompt"]:
            return await refuse("prompt: must not be empty")(scope, receive, send)  # else a bare 500
        body["max_tokens"] = min([n for n in limits.values() if n is not None] + [self.cap])  # the smallest wins
        named_tool_choice_as_required(body)
        raw = json.dumps(body).encode()
        headers = [(k, v) for k, v in scope["headers"] if k != b"content-length"]
        scope = {**scope, "headers": [*headers, (b"content-length", str(len(raw)).encode())]}

        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if replayed:
                return await receive()  # after the body: the client's disconnect, if it comes
            replayed = True
            return {"type": "http.request", "body": raw, "more_body": False}

        await self.app(scope, replay, send)


def named_tool_choice_as_required(body: dict) -> None:
    """OpenAI's {"type": "function", "function": {"name": N}} means: call N. To llama-server
    that is "required" with N the only tool offered."""
    choice = body.get("tool_choice")
    if not isinstance(choice, dict) or not isinstance(body.get("tools"), list):
        return
    name = (choice.get("function") or {}).get("name")
    body["tools"] = [t for t in body["tools"] if (t.get("function") or {}).get("name") == name]
    body["tool_choice"] = "required" if body["tools"] else "none"


# Headers that belong to one connection, not to the answer relayed.
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


async def relay(response: httpx.Response) -> AsyncIterator[bytes]:
    """The engine's answer as it comes. If the caller goes (a cancelled read-ahead, an
    interrupted answer), closing the engine's connection frees its slot at once."""
    try:
        async for chunk in response.aiter_raw():
            yield chunk
    finally:
        await response.aclose()


async def template_has_tool_calls(client: httpx.AsyncClient) -> bool:
    """Whether the model's chat template has a tool-call format (llama-server's /props); if the
    engine does not say, the front forces required calls itself, which any model can follow."""
    try:
        props = (await client.get("/props", timeout=2)).json()
    except (httpx.TransportError, ValueError):
        return False
    return bool((props.get("chat_template_caps") or {}).get("supports_tool_calls"))


def build_app(settings: LLMSettings | None = None) -> FastAPI:
    settings = settings or LLMSettings()
    engine = LlamaServer(settings)
    ready = asyncio.Event()
    template = {"has_tools": False}  # from the engine's /props once it is ready

    async def watch_engine(client: httpx.AsyncClient) -> None:
        """Ready once the engine has loaded its model; if the engine dies, so does the
        service, so that whatever restarts services restarts both."""
        while engine.exited() is None:
            if not ready.is_set():
                try:
                    if (await client.get("/health", timeout=2)).status_code == 200:
                        template["has_tools"] = await template_has_tool_calls(client)
                        ready.set()
                        logger.info("llama-server ready on %s", engine.url)
                except httpx.TransportError:
                    pass  # still starting
            await asyncio.sleep(0.1 if not ready.is_set() else 1.0)
        logger.error("llama-server exited with %s", engine.exited())
        ready.clear()
        os.kill(os.getpid(), signal.SIGTERM)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine.start()
        # No read timeout: an answer streams for as long as it speaks; the caller's own
        # timeout and disconnect end it.
        async with httpx.AsyncClient(base_url=engine.url, timeout=httpx.Timeout(None, connect=5)) as client:
            app.state.engine = client
            watcher = asyncio.create_task(watch_engine(client))
            try:
                yield
            finally:
                watcher.cancel()
                await asyncio.to_thread(engine.stop)

    async def engine_metrics() -> str:
        if not ready.is_set():
            return ""
        try:
            return (await app.state.engine.get("/metrics", timeout=2)).text
        except httpx.TransportError:
            return ""

    app = create_app("llm", ready.is_set, more_metrics=engine_metrics, lifespan=lifespan)

    @app.post("/v1/chat/completions")
    @app.post("/v1/completions")
    @app.get("/v1/models")
    async def to_engine(request: Request) -> Response:
        if not ready.is_set():
            raise ServiceError(503, "the LLM model is still loading", "service_unavailable")
        client: httpx.AsyncClient = request.app.state.engine
        if request.url.path == "/v1/chat/completions":
            body = json.loads(await request.body())  # RequestChecks has validated it
            forced = forced_tool_call(body, template_has_tools=template["has_tools"])
            if forced is not None:
                try:
                    answer = await client.post(request.url.path, json=as_schema_request(body))
                except httpx.TransportError as exc:
                    raise ServiceError(503, f"the LLM engine is not answering: {exc}", "service_unavailable") from exc
                if answer.status_code != 200:
                    return Response(answer.content, status_code=answer.status_code, media_type="application/json")
                if forced.stream:
                    return Response(as_tool_call_stream(forced, answer.json()), media_type="text/event-stream")
                return JSONResponse(as_tool_call_completion(forced, answer.json()))
        upstream = client.build_request(
            request.method,
            request.url.path,
            content=await request.body(),
            headers={"content-type": request.headers.get("content-type", "application/json")},
        )
        try:
            response = await client.send(upstream, stream=True)
        except httpx.TransportError as exc:
            raise ServiceError(503, f"the LLM engine is not answering: {exc}", "service_unavailable") from exc
        headers = {k: v for k, v in response.headers.items() if k.lower() not in HOP_BY_HOP}
        return StreamingResponse(relay(response), status_code=response.status_code, headers=headers)

    app.add_middleware(RequestChecks, cap=settings.max_tokens)
    return app


def main() -> None:
    serve(build_app, LLMSettings())


if __name__ == "__main__":
    main()
