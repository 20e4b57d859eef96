"""Fixtures that start REAL servers on 127.0.0.1 with free ports and tear them down:
livekit-server, Dovecot (IMAP + ManageSieve), an SMTP server, the model services and the agent.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
import yaml

from mailvox.settings import LiveKitSettings, offline_model_hubs
from mailvox_dev.devservers.dovecot import DovecotServer, MailUser
from mailvox_dev.devservers.livekit import LiveKitServer
from mailvox_dev.devservers.smtp import SMTPServer
from mailvox_dev.devservers.stack import AgentWorker, ModelService

offline_model_hubs()

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_MAILBOX = REPO_ROOT / "deploy" / "demo-mailbox"
MAILBOXES = Path(__file__).parent / "mailboxes"
_user_numbers = itertools.count(1)


TIERS = ("unit", "integration", "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test is marked with its folder: tests/unit, tests/integration or tests/e2e."""
    for item in items:
        tier = item.path.parent.name
        if tier not in TIERS:
            raise pytest.UsageError(f"{item.nodeid}: tests live in tests/unit, tests/integration or tests/e2e")
        item.add_marker(tier)


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mailvox")


SPARE_USERS = [MailUser(f"user{n}", f"pw-user{n}") for n in range(1, 31)]


@pytest.fixture(scope="session")
def dovecot() -> DovecotServer:
    # Spare users exist from the start, so a test that wants a mailbox of its own needs no
    # passwd-file reload.
    server = DovecotServer([MailUser("demo", "demo-password"), *SPARE_USERS])
    server.start()
    server.seed("demo", DEMO_MAILBOX)
    yield server
    server.stop()


class MailboxUser:
    """A fresh Dovecot user of its own, so tests never see each other's mail."""

    def __init__(self, dovecot: DovecotServer, name: str, password: str) -> None:
        self.dovecot, self.name, self.password = dovecot, name, password

    def account(self, smtp: SMTPServer | None = None, **overrides):
        from mailvox.agent.mail.accounts import MailAccount, ServerEndpoint

        os.environ[f"MAILVOX_TEST_PASSWORD_{self.name.upper()}"] = self.password
        return MailAccount(
            identity=self.name,
            address=f"{self.name}@northwind.example",
            display_name=overrides.pop("display_name", "Test User"),
            username=self.name,
            password_env=f"MAILVOX_TEST_PASSWORD_{self.name.upper()}",
            imap=ServerEndpoint(host="127.0.0.1", port=self.dovecot.imap_port, security="none"),
            smtp=ServerEndpoint(host=smtp.host, port=smtp.port, security="none") if smtp else None,
            **overrides,
        )


def _fresh_user(dovecot: DovecotServer) -> MailboxUser:
    n = next(_user_numbers)
    user = SPARE_USERS[n - 1] if n <= len(SPARE_USERS) else MailUser(f"user{n}", f"pw-user{n}")
    if user not in dovecot.users:
        dovecot.add_user(user)
    return MailboxUser(dovecot, user.name, user.password)


@pytest.fixture
def mailbox_user(dovecot) -> MailboxUser:
    return _fresh_user(dovecot)


@pytest.fixture
def team_mailbox_user(dovecot) -> MailboxUser:
    """Another fresh Dovecot user: a shared mailbox that `mailbox_user` also reads."""
    return _fresh_user(dovecot)


@pytest.fixture
def smtp_server() -> SMTPServer:
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def livekit_settings() -> LiveKitSettings:
    return LiveKitSettings(api_key="testkey", api_secret="mailvox-test-secret-0123456789abcdef")


@pytest.fixture(scope="session")
def livekit_server(run_dir, livekit_settings) -> LiveKitServer:
    server = LiveKitServer(run_dir / "livekit", livekit_settings)
    server.start()
    yield server
    server.stop()


def _service_fixture(name: str):
    @pytest.fixture(scope="session")
    def service(run_dir) -> ModelService:
        started = ModelService(name, run_dir / "logs")
        started.start()
        yield started
        started.stop()

    return service


tts_service = _service_fixture("tts")
stt_service = _service_fixture("stt")
llm_service = _service_fixture("llm")


@pytest.fixture(scope="session")
def demo_accounts_file(run_dir, dovecot) -> Path:
    path = run_dir / "accounts.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "accounts": {
                    "demo": {
                        "address": "alex@northwind.example",
                        "display_name": "Alex Morgan",
                        "username": "demo",
                        "password_env": "MAILVOX_TEST_DEMO_PASSWORD",
                        "imap": {"host": "127.0.0.1", "port": dovecot.imap_port, "security": "none"},
                    }
                }
            }
        )
    )
    return path


@pytest.fixture(scope="session")
def agent_worker(run_dir, livekit_server, livekit_settings, stt_service, tts_service, llm_service, demo_accounts_file):
    settings = livekit_settings.model_copy(update={"url": livekit_server.url})
    worker = AgentWorker(
        run_dir / "logs",
        settings,
        {"stt": stt_service, "tts": tts_service, "llm": llm_service},
        demo_accounts_file,
        env={"MAILVOX_TEST_DEMO_PASSWORD": "demo-password"},
    )
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
async def demo_copy(mailbox_user, dovecot, smtp_server):
    """A fresh user whose inbox is a copy of the demo mailbox, with its Mailbox open."""
    from mailvox.agent.mail.mailbox import Mailbox

    dovecot.seed(mailbox_user.name, DEMO_MAILBOX)
    account = mailbox_user.account(smtp_server, display_name="Alex Morgan")
    account.smtp.login = False  # the test SMTP server takes mail without AUTH
    mailbox = Mailbox(account)
    yield mailbox
    await mailbox.close()
