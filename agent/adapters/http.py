"""One aiohttp session per adapter, and service failures mapped to LiveKit's API errors
(which the framework retries with backoff, so a restarting service does not end a session)."""

from __future__ import annotations

import aiohttp
from livekit.agents import APIConnectionError, APIStatusError


class ServiceClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


async def raise_for_service(response: aiohttp.ClientResponse, service: str) -> None:
    if response.status < 400:
        return
    try:
        body = await response.json()
        message = body.get("error", {}).get("message") or str(body)
    except (aiohttp.ContentTypeError, ValueError):
        message = (await response.text())[:300]
    raise APIStatusError(f"{service} service: {message}", status_code=response.status, body=message)


def connection_error(service: str, exc: Exception) -> APIConnectionError:
    return APIConnectionError(f"{service} service unreachable: {exc}")
