"""The LLM service is llama-cpp-python's own server (OpenAI-style ``/v1/chat/completions`` with
streaming, the model's chat template and tool calls), with MailVox's health, readiness and
metrics routes added. We measured no reason to replace it.
"""

from __future__ import annotations

import json
import os

from llama_cpp import LlamaRAMCache
from llama_cpp.server import app as llama_server
from llama_cpp.server.app import create_app as create_llama_app
from llama_cpp.server.settings import ModelSettings, ServerSettings
from llama_cpp.server.types import CreateChatCompletionRequest, CreateCompletionRequest
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, ValidationError
from starlette.responses import JSONResponse, Response

from mailvox.models import catalog
from mailvox.services.common import serve

from .settings import LLMSettings

REQUEST_MODELS: dict[str, type[BaseModel]] = {
    "/v1/chat/completions": CreateChatCompletionRequest,
    "/v1/completions": CreateCompletionRequest,
}
TOKEN_LIMITS = ("max_tokens", "max_completion_tokens")


def is_positive_int(value) -> bool:
    # llama-cpp-python reads a limit of 0 or less as "until the context is full".
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def refuse(message: str, status: int = 422) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": "invalid_request_error"}}, status_code=status)


class RequestChecks:
    """Before llama-cpp-python sees a request (ASGI, so the body can be rewritten):

    - a malformed one is answered 400/422 with a clear message, as the other services do
      (llama-cpp-python answers it with a 500 and a traceback);
    - its token limit is applied: llama-cpp-python reads only `max_tokens`, OpenAI clients
      (livekit-plugins-openai among them) now send `max_completion_tokens`, and without a
      limit a small model can ramble until the context is full, holding the shared service.
      Where a request gives both, the smaller counts (the agent's prompt warm-up asks for one
      token through a client configured with the usual limit). A limit that is not a positive
      whole number is refused: llama-cpp-python would read it as no limit, or fail.
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
        body = json.loads(raw)
        limits = {name: body.pop(name, None) for name in TOKEN_LIMITS}
        wrong = [name for name, n in limits.items() if n is not None and not is_positive_int(n)]
        if wrong:
            return await refuse(f"{wrong[0]}: must be a whole number of tokens, 1 or more")(scope, receive, send)
        if "prompt" in body and not body["prompt"]:
            return await refuse("prompt: must not be empty")(scope, receive, send)  # llama-cpp-python: a bare 500
        body["max_tokens"] = min([n for n in limits.values() if n is not None] + [self.cap])  # the smallest wins
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


class CountedRAMCache(LlamaRAMCache):
    """llama-cpp-python's RAM prompt cache, counting all that each entry holds.

    Its own count is a state's KV bytes, but each state also keeps a copy of the last batch's
    logits (n_batch x vocabulary floats: 100 MB for SmolLM2 at n_batch 512, 25 MB at 128). With
    short prompts the 512 MiB cache then held dozens of states: in a soak at n_batch 512 the
    service grew from 0.4 to 6 GB in 40 turns."""

    @property
    def cache_size(self) -> int:
        return sum(s.llama_state_size + s.scores.nbytes + s.input_ids.nbytes for s in self.cache_state.values())


def build_app(settings: LLMSettings | None = None):
    settings = settings or LLMSettings()
    path = settings.model_path or catalog.require("llm", settings.profile).main_file()
    model = ModelSettings(
        model=str(path),
        model_alias=settings.model_alias,
        n_ctx=settings.n_ctx,
        n_batch=settings.n_batch,
        n_gpu_layers=settings.n_gpu_layers,
        n_threads=settings.n_threads or max(1, (os.cpu_count() or 2)),
        cache=False,  # CountedRAMCache below instead
        verbose=False,
    )
    # Sessions share this service: a new request must queue, not cut off another's answer
    # (llama-cpp-python interrupts the running request by default).
    server = ServerSettings(host=settings.host, port=settings.port, interrupt_requests=False)
    app = create_llama_app(server_settings=server, model_settings=[model])
    if settings.prompt_cache:
        # The server keeps the model it loaded in its proxy; nothing runs on it yet.
        proxy = llama_server._llama_proxy
        assert proxy is not None, "create_app loads the model proxy"
        proxy(settings.model_alias).set_cache(CountedRAMCache(settings.prompt_cache_bytes))

    app.add_middleware(RequestChecks, cap=settings.max_tokens)

    # llama-cpp-python loads the model while creating the app, so it is ready once it answers.
    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok", "service": "llm"}

    @app.get("/ready")
    async def ready() -> JSONResponse:
        return JSONResponse({"ready": True, "model": settings.model_alias})

    @app.get("/metrics")
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return app


def main() -> None:
    serve(build_app, LLMSettings())


if __name__ == "__main__":
    main()
