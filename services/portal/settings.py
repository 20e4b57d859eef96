from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from mailvox.settings import ServiceSettings


class PortalSettings(ServiceSettings):
    yaml_section: ClassVar[str] = "portal"
    model_config = SettingsConfigDict(env_prefix="MAILVOX_PORTAL_", extra="ignore")

    port: int = 8300
    # Evaluators: a YAML file of `username: argon2 hash` (`mailvox portal-user NAME` writes one).
    users_file: Path | None = None
    # Company SSO: a reverse proxy that authenticates the user and sets this header. Trusted
    # only from these proxy addresses, never from anyone else.
    trusted_header: str | None = None
    # The proxy's own socket address as the portal sees it; `mailvox serve portal` never lets
    # X-Forwarded-For stand in for it.
    trusted_proxies: list[str] = ["127.0.0.1"]
    # Failed logins allowed in any hour (OWASP ASVS V2.2.1), counted per portal process. The
    # per-address limit is higher: one office can sit behind one address.
    login_failures_per_account: int = Field(default=100, ge=1)
    login_failures_per_address: int = Field(default=300, ge=1)
    # Signs the session cookie; set it to a long random value (32+ characters) in production.
    session_secret: str = ""
    session_max_age_s: int = 12 * 3600
    secure_cookies: bool = False  # True behind HTTPS
    token_ttl_s: int = 600  # a LiveKit token only has to be valid when the client joins
    # The livekit-server URL as the browser reaches it (wss://... in production).
    livekit_public_url: str | None = None
