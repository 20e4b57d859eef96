"""What every model service shares: health/readiness, Prometheus metrics, OpenAI-style errors."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from starlette.responses import Response

REQUESTS = Counter("mailvox_service_requests_total", "Requests", ["service", "route", "status"])
LATENCY = Histogram(
    "mailvox_service_latency_seconds",
    "Time to the first byte of the answer",
    ["service", "route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8),
)
QUEUE_DEPTH = Gauge("mailvox_service_queue_depth", "Requests waiting or running", ["service"])


def route_label(request: Request) -> str:
    """The matched route's template ("/v1/audio/speech"; a path parameter stays "{name}"), or
    "unmatched": a raw path as a label would let any client add time series without end."""
    path = getattr(request.scope.get("route"), "path", None)
    return path if isinstance(path, str) else "unmatched"


class ServiceError(Exception):
    """A request the service refuses, with the HTTP status and an OpenAI-style error body."""

    def __init__(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind


def refuse_invalid_requests_plainly(app: FastAPI) -> None:
    """Say which field is wrong and why, without echoing the input back: FastAPI's own answer
    quotes the raw body, which fails (a server error) on bytes that are not UTF-8 and would
    reflect a password into the reply."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", "invalid"))}
            for error in exc.errors()
        ]
        return JSONResponse({"detail": problems}, status_code=422)


def serve(build_app: Callable, settings) -> None:
    """Run a service's app with its settings; nothing in it may reach for a model hub."""
    import uvicorn

    from mailvox.settings import offline_model_hubs

    offline_model_hubs()
    # No proxy headers: the client address stays the socket peer, which the portal's SSO check
    # and login throttle rely on; a forged X-Forwarded-For must never replace it.
    uvicorn.run(
        build_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        # No access log: a request line carries its query, and the STT stream's holds the names
        # of the caller's correspondents (the hint); nothing private goes to a log.
        access_log=False,
        proxy_headers=False,
        forwarded_allow_ips="",
    )


class EngineHolder:
    """The service's engine, loaded off the event loop at start-up; 503 until it is there."""

    def __init__(self, service: str, load: Callable[[], object]) -> None:
        self.service = service
        self.load = load
        self.engine: Any = None  # the engine `load` built: WhisperModel, PiperVoice, ...

    def __call__(self):
        if self.engine is None:
            raise ServiceError(503, f"the {self.service} model is still loading", "service_unavailable")
        return self.engine


def create_engine_app(service: str, load: Callable[[], object]) -> tuple[FastAPI, EngineHolder]:
    """A service app whose engine `load()` builds at start-up, in a thread."""
    holder = EngineHolder(service, load)

    @asynccontextmanager
    async def lifespan(_app):
        holder.engine = await asyncio.to_thread(load)
        yield

    return create_app(service, lambda: holder.engine is not None, lifespan=lifespan), holder


def create_app(
    service: str,
    is_ready: Callable[[], bool],
    more_metrics: Callable[[], Awaitable[str]] | None = None,
    **fastapi_args,
) -> FastAPI:
    """A service app with health, readiness and metrics; `more_metrics` appends an engine's
    own Prometheus text (the LLM's llama-server) to the service's."""
    app = FastAPI(title=f"mailvox-{service}", **fastapi_args)
    refuse_invalid_requests_plainly(app)

    @app.exception_handler(ServiceError)
    async def _service_error(_: Request, exc: ServiceError) -> JSONResponse:
        return JSONResponse({"error": {"message": exc.message, "type": exc.kind}}, status_code=exc.status)

    @app.middleware("http")
    async def _count(request: Request, call_next):
        started = time.perf_counter()
        QUEUE_DEPTH.labels(service).inc()
        try:
            response = await call_next(request)
        finally:
            QUEUE_DEPTH.labels(service).dec()
        route = route_label(request)
        REQUESTS.labels(service, route, str(response.status_code)).inc()
        LATENCY.labels(service, route).observe(time.perf_counter() - started)
        return response

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok", "service": service}

    @app.get("/ready")
    async def ready() -> JSONResponse:
        ok = is_ready()
        return JSONResponse({"ready": ok}, status_code=200 if ok else 503)

    @app.get("/metrics")
    async def metrics() -> Response:
        engine = (await more_metrics()).encode() if more_metrics is not None else b""
        return Response(generate_latest() + engine, media_type=CONTENT_TYPE_LATEST)

    return app
