"""Failed logins are throttled per account and per client address (OWASP ASVS V2.2.1), with a
clear 429 and Retry-After that says nothing about whether the account exists; every login is
logged with its account, client and outcome, never its password."""

from __future__ import annotations

import logging

import pytest
import yaml
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from mailvox.services.portal.app import create_portal
from mailvox.services.portal.settings import PortalSettings
from mailvox.services.portal.throttle import SlidingWindow, address_key

from .test_portal import LIVEKIT

# A real argon2 hash at the lowest cost, so that a hundred wrong passwords take milliseconds.
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def users_file(tmp_path):
    path = tmp_path / "users.yaml"
    path.write_text(yaml.safe_dump({"alex": CHEAP.hash("correct horse"), "sam": CHEAP.hash("battery staple")}))
    return path


def portal(users_file, client=("203.0.113.7", 50000), **settings) -> TestClient:
    settings = {"users_file": users_file, "session_secret": "s" * 40, **settings}
    return TestClient(create_portal(PortalSettings(**settings), LIVEKIT), client=client)


def login(client: TestClient, username: str, password: str):
    return client.post("/api/login", json={"username": username, "password": password})


def test_an_account_gets_at_most_100_failed_logins_an_hour(users_file):
    client = portal(users_file)
    assert PortalSettings().login_failures_per_account == 100
    for attempt in range(100):
        assert login(client, "alex", f"guess {attempt}").status_code == 401, attempt
    throttled = login(client, "Alex", "correct horse")  # even the right password waits
    assert throttled.status_code == 429
    assert 3500 < int(throttled.headers["Retry-After"]) <= 3600
    assert throttled.json() == {"detail": "Too many failed logins. Try again in 60 minute(s)."}
    assert client.get("/api/me").status_code == 401
    # Another account, from the same address, is not locked out by alex's attacker.
    assert login(client, "sam", "battery staple").json() == {"identity": "sam"}


def test_a_throttled_login_does_not_tell_whether_the_account_exists(users_file):
    client = portal(users_file, login_failures_per_account=3)
    for name in ("alex", "nobody"):
        for _ in range(3):
            assert login(client, name, "wrong").status_code == 401
    real, unknown = login(client, "alex", "wrong"), login(client, "nobody", "wrong")
    assert real.status_code == unknown.status_code == 429
    assert real.json() == unknown.json()
    assert abs(int(real.headers["Retry-After"]) - int(unknown.headers["Retry-After"])) <= 1


def test_one_client_address_is_throttled_across_accounts(users_file):
    sprayer = portal(users_file, login_failures_per_address=5)
    for name in ("alex", "sam", "kim", "lee", "pat"):  # one try each, as a password spray does
        assert login(sprayer, name, "Winter2024!").status_code == 401
    refused = login(sprayer, "sam", "battery staple")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    # The same portal, another client: unaffected.
    elsewhere = TestClient(sprayer.app, client=("198.51.100.20", 40000))
    assert login(elsewhere, "sam", "battery staple").json() == {"identity": "sam"}


def test_an_ipv6_client_counts_by_its_64():
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:192.0.2.1") == address_key("192.0.2.1") == "192.0.2.1"


def test_logins_are_logged_with_account_client_and_outcome_never_the_password(users_file, caplog):
    client = portal(users_file, login_failures_per_account=1)
    with caplog.at_level(logging.INFO, logger="mailvox.portal"):
        login(client, "sam", "battery staple")
        login(client, "alex", "hunter2-secret")
        login(client, "alex", "correct horse")
    lines = [record.getMessage() for record in caplog.records]
    assert lines == [
        "login ok: account='sam' client=203.0.113.7",
        "login refused: account='alex' client=203.0.113.7",
        "login throttled: account='alex' client=203.0.113.7 retry_after_s=3600",
    ]
    assert "hunter2" not in caplog.text and "correct horse" not in caplog.text


def test_the_window_slides_and_stays_bounded():
    now = [0.0]
    window = SlidingWindow(3, 3600, max_keys=2, clock=lambda: now[0])
    for at in (0.0, 10.0, 20.0):
        now[0] = at
        window.record("alex")
    now[0] = 30.0
    assert window.retry_after("alex") == 3570.0  # until the first failure is an hour old
    now[0] = 3600.5
    assert window.retry_after("alex") == 0.0  # one of three has left the window
    window.record("alex")
    assert window.retry_after("alex") == pytest.approx(10.0 + 3600 - 3600.5)
    window.record("b")
    window.record("c")  # a third name: the one whose last failure is oldest is forgotten
    assert len(window) == 2 and window.retry_after("alex") == 0.0
