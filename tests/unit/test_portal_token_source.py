"""LiveKit's standard token endpoint on the portal, as livekit-client's `TokenSource.endpoint`
calls it: the same login as /api/token (the session cookie, or a Basic header counted by the
login throttle), the caller's own room and identity whatever the body asks, and a clear 4xx for
anything else."""

from __future__ import annotations

import base64
import json
import logging

import pytest
import yaml
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from livekit import api
from livekit.api.access_token import Claims

from mailvox.services.portal.app import create_portal
from mailvox.services.portal.settings import PortalSettings
from mailvox.services.portal.token_source import PATH

from .test_portal import LIVEKIT

# A real argon2 hash at the lowest cost, so that the throttle's failures take milliseconds.
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

# The body TokenSource.endpoint POSTs for a fetch with every option set, character for
# character: livekit-client 2.23.0, src/room/token-source/TokenSource.test.ts ("tests happy path
# with all options"). participant_attributes: {} is left out by the client itself.
STARTER_BODY = json.dumps(
    {
        "room_name": "room name",
        "participant_name": "participant name",
        "participant_identity": "participant identity",
        "participant_metadata": '{"example": "metadata here"}',
        "room_config": {
            "agents": [{"agent_name": "agent name", "metadata": '{"example": "agent metadata here"}'}],
        },
    },
    separators=(",", ":"),  # as JSON.stringify writes it
)
# ... and the headers it sends (a mobile app adds its Authorization to these).
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def users_file(tmp_path):
    path = tmp_path / "users.yaml"
    path.write_text(yaml.safe_dump({"alex": CHEAP.hash("correct horse"), "sam": CHEAP.hash("battery staple")}))
    return path


def portal(users_file, **settings) -> TestClient:
    settings = {"users_file": users_file, "session_secret": "s" * 40, **settings}
    return TestClient(create_portal(PortalSettings(**settings), LIVEKIT), client=("203.0.113.7", 50000))


def basic(username: str, password: str) -> dict[str, str]:
    return {**JSON, "Authorization": "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()}


def verified(token: str) -> Claims:
    """The token's claims, its signature checked with the portal's LiveKit key."""
    return api.TokenVerifier(LIVEKIT.api_key, LIVEKIT.api_secret).verify(token)


def test_a_starter_apps_request_with_basic_credentials_gets_the_users_own_new_room(users_file):
    client = portal(users_file)
    body = json.loads(STARTER_BODY)
    del body["room_name"]  # a starter app names no room; one that does is tested below
    answer = client.post(PATH, content=json.dumps(body), headers=basic("Alex", "correct horse"))
    assert answer.status_code == 201  # as LiveKit's docs for the endpoint say
    assert set(answer.json()) == {"server_url", "participant_token"}  # the names livekit-client reads
    assert answer.json()["server_url"] == LIVEKIT.url
    claims = verified(answer.json()["participant_token"])
    # The login's identity, not the body's; MailVox's agent, not the one the app names.
    assert claims.identity == "alex" and claims.name == "" and claims.metadata == ""
    assert claims.video is not None and claims.video.room_join and claims.video.room.startswith("mailvox-alex-")
    assert claims.room_config is not None
    assert [agent.agent_name for agent in claims.room_config.agents] == ["mailvox"]
    assert "mailvox_session" not in answer.cookies  # a Basic call logs nobody in


def test_the_session_cookie_of_the_portal_page_is_a_login_too(users_file):
    client = portal(users_file)
    client.post("/api/login", json={"username": "sam", "password": "battery staple"})
    # What fetch({}) sends, and no body at all.
    for answer in (client.post(PATH, content="{}", headers=JSON), client.post(PATH)):
        assert answer.status_code == 201, answer.text
        assert verified(answer.json()["participant_token"]).identity == "sam"
    client.post("/api/logout")
    assert client.post(PATH, content="{}", headers=JSON).status_code == 401


def test_the_public_livekit_url_is_the_server_url(users_file):
    client = portal(users_file, livekit_public_url="wss://voice.example.com")
    answer = client.post(PATH, content="{}", headers=basic("alex", "correct horse"))
    assert answer.json()["server_url"] == "wss://voice.example.com"


def test_no_login_or_a_bad_one_is_refused_with_a_clear_401(users_file):
    client = portal(users_file)
    expected = {
        "no login": JSON,
        "wrong password": basic("alex", "wrong"),
        "unknown user": basic("nobody", "correct horse"),
        "another scheme": {**JSON, "Authorization": "Bearer correct horse"},
        "not base64": {**JSON, "Authorization": "Basic !!!"},
        "no colon": {**JSON, "Authorization": "Basic " + base64.b64encode(b"alex").decode()},
        "not UTF-8": {**JSON, "Authorization": "Basic " + base64.b64encode(b"alex:\xff\xfe").decode()},
        "too long": basic("alex", "x" * 1025),
    }
    for case, headers in expected.items():
        answer = client.post(PATH, content=STARTER_BODY, headers=headers)
        assert answer.status_code == 401, case
        # a challenge only where credentials came: none makes no browser put up its login box
        challenged = answer.headers.get("WWW-Authenticate", "")
        assert challenged.startswith("Basic realm=") if case != "no login" else not challenged, case
        assert isinstance(answer.json()["detail"], str) and answer.json()["detail"], case
    wrong, unknown = (client.post(PATH, content="{}", headers=basic(name, "nope")) for name in ("alex", "nobody"))
    assert wrong.json() == unknown.json() == {"detail": "That user name and password don't match."}
    # Without a login, nothing is said about the body's fields either.
    assert client.post(PATH, content='{"room_name": 5}', headers=JSON).status_code == 401


def test_a_room_that_is_not_the_users_own_is_refused_as_by_api_token(users_file):
    client = portal(users_file)
    alex = basic("alex", "correct horse")
    client.post("/api/login", json={"username": "alex", "password": "correct horse"})  # for /api/token
    first = verified(client.post(PATH, content="{}", headers=alex).json()["participant_token"])
    assert first.video is not None
    own = first.video.room
    # Rejoining the user's own room after a dropped link is allowed, as with /api/token.
    rejoined = client.post(PATH, content=json.dumps({"room_name": own}), headers=alex)
    assert rejoined.status_code == 201
    rejoined_claims = verified(rejoined.json()["participant_token"])
    assert rejoined_claims.video is not None and rejoined_claims.video.room == own
    for other in ["room name", "mailvox-sam-0123abcd", own.replace("alex", "sam"), own + "-x", "*", ""]:
        body = json.dumps({**json.loads(STARTER_BODY), "room_name": other})
        answer = client.post(PATH, content=body, headers=alex)
        assert answer.status_code == 403, other
        assert answer.json() == {"detail": "That room is not yours."}
        assert client.post("/api/token", json={"room": other}).status_code == 403, other


def test_malformed_bodies_get_a_clear_4xx_and_unknown_fields_are_ignored(users_file):
    client = portal(users_file)
    alex = basic("alex", "correct horse")
    for body in [
        b"not json",
        b"[]",
        b'"room name"',
        b'{"room_name": 5}',
        json.dumps({"room_name": "r" * 129}).encode(),
        b'{"participant_attributes": {"a": 1}}',
        b'{"room_config": "agents"}',
        b"\x80\xff",
    ]:
        answer = client.post(PATH, content=body, headers=alex)
        assert answer.status_code in (400, 422), body  # 400: bytes that are not UTF-8
        assert answer.json()["detail"], body
        assert "correct horse" not in answer.text
    newer = json.dumps({**json.loads(STARTER_BODY), "room_name": None, "some_future_field": {"x": [1]}})
    assert client.post(PATH, content=newer, headers=alex).status_code == 201


def test_basic_logins_share_the_login_forms_throttle_and_logs(users_file, caplog):
    client = portal(users_file, login_failures_per_account=3)
    with caplog.at_level(logging.INFO, logger="mailvox.portal"):
        client.post("/api/login", json={"username": "alex", "password": "guess 1"})
        for attempt in (2, 3):
            assert client.post(PATH, content="{}", headers=basic("alex", f"guess {attempt}")).status_code == 401
        throttled = client.post(PATH, content="{}", headers=basic("alex", "correct horse"))  # even the right one
        assert throttled.status_code == 429 and 3500 < int(throttled.headers["Retry-After"]) <= 3600
        assert throttled.json() == {"detail": "Too many failed logins. Try again in 60 minute(s)."}
        assert client.post("/api/login", json={"username": "alex", "password": "correct horse"}).status_code == 429
        # Another account, from the same address, is not locked out by alex's attacker.
        assert client.post(PATH, content="{}", headers=basic("sam", "battery staple")).status_code == 201
    assert [record.getMessage() for record in caplog.records] == [
        *["login refused: account='alex' client=203.0.113.7"] * 3,
        *["login throttled: account='alex' client=203.0.113.7 retry_after_s=3600"] * 2,
        "login ok: account='sam' client=203.0.113.7",
    ]
    assert "guess" not in caplog.text and "correct horse" not in caplog.text


def test_the_sso_header_from_a_trusted_proxy_comes_before_its_own_authorization_header(users_file):
    # A proxy that authenticates with Basic itself passes the company credentials on: they are
    # not a portal login, and must neither refuse the SSO user nor count as failures.
    client = portal(
        users_file, trusted_header="X-Forwarded-User", trusted_proxies=["203.0.113.7"], login_failures_per_account=1
    )
    headers = {**basic("sam@corp", "company password"), "X-Forwarded-User": "sam@corp"}
    for _ in range(2):
        answer = client.post(PATH, content="{}", headers=headers)
        assert answer.status_code == 201, answer.text
        assert verified(answer.json()["participant_token"]).identity == "sam@corp"
