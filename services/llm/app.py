"""The LLM service is llama-cpp-python's own server (OpenAI-style ``/v1/chat/completions`` with
streaming, the model's chat template and tool calls), with MailVox's health, readiness and
metrics routes added. We measured no reason to replace it.
"""

from __future__ import annotations

import os

from llama_cpp.server.app import create_app as create_llama_app
from llama_cpp.server.settings import ModelSettings, ServerSettings
from llama_cpp.server.types import CreateChatCompletionRequest, CreateCompletionRequest
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from models import catalog
from services.common import serve

from .settings import LLMSettings


def build_app(settings: LLMSettings | None = None):
    settings = settings or LLMSettings()
    path = settings.model_path or catalog.require("llm", settings.profile).main_file()
    model = ModelSettings(
        model=str(path),
        model_alias=settings.model_alias,
        n_ctx=settings.n_ctx,
        n_gpu_layers=settings.n_gpu_layers,
        n_threads=settings.n_threads or max(1, (os.cpu_count() or 2)),
        cache=settings.prompt_cache,
        cache_size=settings.prompt_cache_bytes,
        verbose=False,
    )
    # Sessions share this service: a new request must queue, not cut off another's answer
    # (llama-cpp-python interrupts the running request by default).
    server = ServerSettings(host=settings.host, port=settings.port, interrupt_requests=False)
    app = create_llama_app(server_settings=server, model_settings=[model])

    # llama-cpp-python answers a malformed request with a 500 and a traceback; check the
    # request against its own models first and answer like the other services do.
    request_models = {
        "/v1/chat/completions": CreateChatCompletionRequest,
        "/v1/completions": CreateCompletionRequest,
    }

    @app.middleware("http")
    async def validate_requests(request: Request, call_next):
        model = request_models.get(request.url.path)
        if request.method == "POST" and model is not None:
            try:
                model.model_validate_json(await request.body())
            except ValidationError as exc:
                status = 400 if any(e["type"] == "json_invalid" for e in exc.errors()) else 422
                message = "; ".join(
                    f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()
                )
                return JSONResponse(
                    {"error": {"message": message, "type": "invalid_request_error"}},
                    status_code=status,
                )
        return await call_next(request)

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
