"""The SSO header, through the real thing: `mailvox serve portal` (uvicorn) behind Debian's
nginx, which sets the header as a company's authenticating proxy would. The portal believes
the header only from the proxy's own socket address; a client that reaches the portal directly
and names the proxy in X-Forwarded-For is not believed."""

from __future__ import annotations

import secrets
import shutil
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mailvox_dev.devservers.process import ManagedProcess, free_port, tcp_open

# nginx connects to the portal from this address of its own (all of 127/8 is loopback), so the
# portal can tell the proxy from a client on the same box.
PROXY_ADDRESS = "127.0.0.2"
SSO_HEADER = "X-Forwarded-User"

NGINX_CONF = """\
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {run}/access.log;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{portal_port};
            proxy_bind {proxy_address};
            # As an SSO proxy does once it has authenticated the user: its own value, always.
            proxy_set_header {header} sam;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def portal_url(tmp_path) -> Iterator[str]:
    port = free_port()
    mailvox = Path(sys.executable).parent / "mailvox"
    portal = ManagedProcess(
        "portal",
        [str(mailvox), "serve", "portal"],
        tmp_path / "portal.log",
        env={
            "MAILVOX_PORTAL_HOST": "127.0.0.1",
            "MAILVOX_PORTAL_PORT": str(port),
            "MAILVOX_PORTAL_TRUSTED_HEADER": SSO_HEADER,
            "MAILVOX_PORTAL_TRUSTED_PROXIES": f'["{PROXY_ADDRESS}"]',
            "MAILVOX_PORTAL_SESSION_SECRET": secrets.token_urlsafe(32),
            "LIVEKIT_API_KEY": "proxy-test",
            "LIVEKIT_API_SECRET": secrets.token_urlsafe(32),
        },
    )
    url = f"http://127.0.0.1:{port}"
    portal.start(lambda: _ready(f"{url}/ready"), timeout=60)
    try:
        yield url
    finally:
        portal.stop()


@pytest.fixture
def nginx_url(tmp_path, portal_url) -> Iterator[str]:
    nginx = shutil.which("nginx", path="/usr/sbin:/usr/local/sbin:/usr/bin")
    assert nginx, "nginx is missing: scripts/setup.sh installs Debian's nginx-light"
    run = tmp_path / "nginx"
    run.mkdir()
    port = free_port()
    portal_port = portal_url.rsplit(":", 1)[1]
    conf = run / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(run=run, port=port, portal_port=portal_port, proxy_address=PROXY_ADDRESS, header=SSO_HEADER)
    )
    proxy = ManagedProcess("nginx", [nginx, "-p", str(run), "-c", str(conf), "-g", "daemon off;"], run / "nginx.log")
    proxy.start(lambda: tcp_open(port), timeout=20)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proxy.stop()


def test_the_sso_header_counts_through_the_proxy_and_not_past_it(portal_url, nginx_url):
    through_proxy = httpx.get(f"{nginx_url}/api/me", timeout=10)
    assert through_proxy.status_code == 200 and through_proxy.json() == {"identity": "sam"}

    # Straight to the portal, from 127.0.0.1, naming the proxy as the client it forwards for.
    forged = {SSO_HEADER: "sam", "X-Forwarded-For": PROXY_ADDRESS, "X-Real-IP": PROXY_ADDRESS}
    direct = httpx.get(f"{portal_url}/api/me", headers=forged, timeout=10)
    assert direct.status_code == 401, direct.text
    assert httpx.post(f"{portal_url}/api/token", json={}, headers=forged, timeout=10).status_code == 401
    # A client that names itself in the header through the proxy is still only who the proxy says.
    overridden = httpx.get(f"{nginx_url}/api/me", headers={SSO_HEADER: "alex"}, timeout=10)
    assert overridden.json() == {"identity": "sam"}
