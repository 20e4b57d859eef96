"""The model services' request metrics label each request by its route's template, never by the
raw path, so that no client can grow the number of time series."""

from __future__ import annotations

import secrets

from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from mailvox.services.common import create_app


def route_labels(service: str) -> set[str]:
    return {
        sample.labels["route"]
        for metric in REGISTRY.collect()
        if metric.name in ("mailvox_service_requests", "mailvox_service_latency_seconds")
        for sample in metric.samples
        if sample.labels.get("service") == service
    }


def test_fifty_random_paths_add_no_route_labels():
    service = f"labels-{secrets.token_hex(4)}"  # the registry is global: a name of its own
    app = create_app(service, lambda: True)

    @app.get("/v1/models/{model_id}")
    async def model(model_id: str) -> dict:
        return {"id": model_id}

    client = TestClient(app)
    for _ in range(50):
        assert client.get(f"/{secrets.token_urlsafe(12)}/{secrets.token_hex(3)}").status_code == 404
        assert client.get(f"/v1/models/{secrets.token_urlsafe(12)}").status_code == 200
    client.get("/health")
    client.post("/health")  # the route matched but not its method: still its template
    assert route_labels(service) == {"unmatched", "/v1/models/{model_id}", "/health"}
