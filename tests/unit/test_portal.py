"""The portal's login and token rules, through its HTTP API: the login name is the identity,
the token puts that identity in its own room and no other, the SSO header counts only from a
trusted proxy, and mailbox secrets never appear."""

from __future__ import annotations

import jwt
import pytest
from fastapi.testclient import TestClient

from mailvox.services.portal.app import create_portal
from mailvox.services.portal.settings import PortalSettings
from mailvox.services.portal.users import UsersFile
from mailvox.settings import KNOWN_LIVEKIT_SECRETS, MIN_SECRET_LENGTH, KnownSecretError, LiveKitSettings

LIVEKIT = LiveKitSettings(
    url="ws://127.0.0.1:7880", api_key="portal-key", api_secret="portal-secret-0123456789abcdef0123"
)


@pytest.fixture
def users_file(tmp_path):
    path = tmp_path / "users.yaml"
    UsersFile(path).add("alex", "correct horse")
    UsersFile(path).add("sam", "battery staple")
    return path


def portal(users_file, **settings) -> TestClient:
    settings = {"users_file": users_file, "session_secret": "s" * 40, **settings}
    return TestClient(create_portal(PortalSettings(**settings), LIVEKIT))


def claims(token: str) -> dict:
    return jwt.decode(token, LIVEKIT.api_secret, algorithms=["HS256"], options={"verify_aud": False})


@pytest.mark.parametrize("secret", [*sorted(KNOWN_LIVEKIT_SECRETS), "s" * (MIN_SECRET_LENGTH - 1)])
def test_known_secret_signing_session_cookies_stops_the_portal_even_on_loopback(users_file, secret):
    # Anyone who knows it could forge a logged-in cookie, and so mint LiveKit tokens; a proxy in
    # front makes a portal on loopback reachable too.
    for host in ("0.0.0.0", "127.0.0.1"):
        with pytest.raises(KnownSecretError, match="MAILVOX_PORTAL_SESSION_SECRET will not do"):
            portal(users_file, host=host, session_secret=secret)
    portal(users_file, host="0.0.0.0", session_secret="")  # unset: a random one per process


def test_the_users_file_holds_argon2_hashes_not_passwords(users_file):
    text = users_file.read_text()
    assert "correct horse" not in text and text.count("$argon2id$") == 2


def test_a_login_gets_a_token_for_its_own_new_room_with_the_agent_dispatched(users_file):
    client = portal(users_file)
    assert client.post("/api/token", json={}).status_code == 401
    assert client.post("/api/login", json={"username": "Alex", "password": "correct horse"}).json() == {
        "identity": "alex"
    }
    first, second = client.post("/api/token", json={}).json(), client.post("/api/token", json={}).json()
    assert first["room"] != second["room"] and first["room"].startswith("mailvox-alex-")
    granted = claims(first["token"])
    assert granted["sub"] == "alex" and granted["video"]["room"] == first["room"] and granted["video"]["roomJoin"]
    assert granted["roomConfig"]["agents"] == [{"agentName": "mailvox"}]
    assert granted["exp"] - granted["nbf"] <= 600  # short-lived
    assert LIVEKIT.api_secret not in str(first) and first["url"] == LIVEKIT.url


def test_a_wrong_password_or_unknown_user_is_refused_alike(users_file):
    client = portal(users_file)
    wrong = client.post("/api/login", json={"username": "alex", "password": "nope"})
    unknown = client.post("/api/login", json={"username": "nobody", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "That user name and password don't match."}
    assert client.get("/api/me").status_code == 401


def test_rejoining_is_allowed_only_into_the_users_own_room(users_file):
    client = portal(users_file)
    client.post("/api/login", json={"username": "alex", "password": "correct horse"})
    room = client.post("/api/token", json={}).json()["room"]
    assert claims(client.post("/api/token", json={"room": room}).json()["token"])["video"]["room"] == room
    for other in ["mailvox-sam-0123abcd", "mailvox-alex-0123abcd-x", "mailvox-alex", "*", room.replace("alex", "sam")]:
        assert client.post("/api/token", json={"room": other}).status_code == 403, other


def test_the_sso_header_counts_only_from_a_trusted_proxy(users_file):
    trusted = portal(users_file, trusted_header="X-Forwarded-User", trusted_proxies=["testclient"])
    assert trusted.get("/api/me", headers={"X-Forwarded-User": "sam@corp"}).json() == {"identity": "sam@corp"}
    assert trusted.get("/api/me", headers={"X-Forwarded-User": "../etc"}).status_code == 403
    untrusted = portal(users_file, trusted_header="X-Forwarded-User", trusted_proxies=["10.0.0.1"])
    assert untrusted.get("/api/me", headers={"X-Forwarded-User": "sam@corp"}).status_code == 401


def test_a_forged_session_cookie_is_not_a_login(users_file):
    client = portal(users_file)
    client.post("/api/login", json={"username": "alex", "password": "correct horse"})
    cookie = client.cookies["mailvox_session"]
    forged = TestClient(client.app)
    forged.cookies.set("mailvox_session", cookie[:-4] + ("AAAA" if not cookie.endswith("AAAA") else "BBBB"))
    assert forged.get("/api/me").status_code == 401
    other_portal = portal(users_file, session_secret="t" * 40)  # another secret signed nothing here
    other_portal.cookies.set("mailvox_session", cookie)
    assert other_portal.get("/api/me").status_code == 401


def test_bad_requests_get_clear_errors(users_file):
    client = portal(users_file)
    assert (
        client.post("/api/login", content=b"not json", headers={"Content-Type": "application/json"}).status_code == 422
    )
    assert client.post("/api/login", json={"username": "x" * 500, "password": "p"}).status_code == 422
    assert client.get("/healthz").json() == {"status": "ok"}
