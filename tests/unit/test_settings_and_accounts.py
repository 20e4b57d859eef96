"""Settings come from init args, then the environment, then the YAML file; accounts map a
LiveKit identity to a mailbox and fail with clear messages."""

from __future__ import annotations

import pytest
import yaml
from livekit import api

from mailvox.agent.mail.accounts import account_for, load_accounts
from mailvox.agent.mail.errors import MailConfigError
from mailvox.agent.settings import AgentSettings
from mailvox.services.tts.settings import TTSSettings
from mailvox.settings import AGENT_NAME, LiveKitSettings
from mailvox.tokens import user_token


def test_environment_beats_the_yaml_file_which_beats_defaults(tmp_path, monkeypatch):
    config = tmp_path / "mailvox.yaml"
    config.write_text(yaml.safe_dump({"tts": {"port": 9000, "max_concurrency": 4}}))
    monkeypatch.setenv("MAILVOX_CONFIG", str(config))
    monkeypatch.setenv("MAILVOX_TTS_PORT", "9100")
    settings = TTSSettings()
    assert settings.port == 9100  # environment
    assert settings.max_concurrency == 4  # YAML
    assert settings.max_input_chars == 4000  # default


def test_livekit_contract_reads_the_standard_variables(monkeypatch):
    monkeypatch.setenv("LIVEKIT_URL", "wss://voice.northwind.example")
    monkeypatch.setenv("LIVEKIT_API_KEY", "prodkey")
    monkeypatch.setenv("LIVEKIT_API_SECRET", "x" * 40)
    settings = LiveKitSettings()
    assert (settings.url, settings.api_key) == ("wss://voice.northwind.example", "prodkey")
    assert settings.http_url == "https://voice.northwind.example"


def test_livekit_has_development_defaults_when_unset(monkeypatch):
    for name in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"):
        monkeypatch.delenv(name, raising=False)
    settings = LiveKitSettings()
    assert settings.url == "ws://127.0.0.1:7880"
    assert len(settings.api_secret) >= 32  # livekit-server's minimum outside --dev


def test_a_user_token_joins_a_new_room_of_the_users_and_dispatches_the_agent():
    settings = LiveKitSettings(api_key="k", api_secret="s" * 40)
    claims = api.TokenVerifier("k", "s" * 40).verify(user_token("demo", settings))
    again = api.TokenVerifier("k", "s" * 40).verify(user_token("demo", settings))
    assert claims.identity == "demo"
    assert claims.video.room.startswith("mailvox-demo-") and claims.video.room_join
    assert again.video.room != claims.video.room  # each call its own room
    assert [a.agent_name for a in claims.room_config.agents] == [AGENT_NAME] == ["mailvox"]


def test_a_token_signed_with_another_secret_is_rejected():
    token = user_token("demo", LiveKitSettings(api_key="k", api_secret="s" * 40))
    with pytest.raises(Exception):  # noqa: B017 (the library raises a bare jwt error)
        api.TokenVerifier("k", "t" * 40).verify(token)


def write_accounts(path, **demo_overrides):
    demo = {
        "address": "alex@northwind.example",
        "username": "alex",
        "password_env": "ALEX_MAIL_PASSWORD",
        "imap": {"host": "imap.northwind.example", "port": 993},
        **demo_overrides,
    }
    path.write_text(yaml.safe_dump({"accounts": {"demo": demo}}))
    return path


def test_the_identity_selects_its_account_with_secure_defaults(tmp_path, monkeypatch):
    path = write_accounts(tmp_path / "accounts.yaml")
    monkeypatch.setenv("ALEX_MAIL_PASSWORD", "hunter2")
    account = account_for("demo", path)
    assert account.imap.security == "tls"  # TLS unless the admin says otherwise
    assert account.password() == "hunter2"


def test_an_unknown_identity_gets_no_mailbox(tmp_path):
    path = write_accounts(tmp_path / "accounts.yaml")
    with pytest.raises(MailConfigError, match="no mailbox account for identity 'mallory'"):
        account_for("mallory", path)


def test_a_missing_password_variable_is_named(tmp_path, monkeypatch):
    monkeypatch.delenv("ALEX_MAIL_PASSWORD", raising=False)
    account = account_for("demo", write_accounts(tmp_path / "accounts.yaml"))
    with pytest.raises(MailConfigError, match=r"\$ALEX_MAIL_PASSWORD is not set"):
        account.password()


def test_an_invalid_accounts_file_is_a_config_error(tmp_path):
    path = write_accounts(tmp_path / "accounts.yaml", imap={"host": "x", "port": "not-a-port"})
    with pytest.raises(MailConfigError, match="invalid"):
        load_accounts(path)


TEAM = {
    "name": "team",
    "address": "team@northwind.example",
    "username": "team",
    "password_env": "TEAM_MAIL_PASSWORD",
    "imap": {"host": "imap.northwind.example", "port": 993},
}


def test_a_shared_mailbox_is_read_with_its_own_login_under_the_persons_policy(tmp_path):
    path = tmp_path / "accounts.yaml"
    demo = yaml.safe_load(write_accounts(path, mailboxes=[TEAM], policy={"sending": False}).read_text())
    path.write_text(yaml.safe_dump({"policy": {"outside_sends": "refuse"}, **demo}))
    account = account_for("demo", path)
    [team] = account.mailboxes
    assert (team.identity, team.address, team.password_env) == (
        "demo/team",
        "team@northwind.example",
        "TEAM_MAIL_PASSWORD",
    )
    # one gate per call: the person's, with the file's default under it
    assert (account.policy.outside_sends, account.policy.sending) == ("refuse", False)
    assert account.name == ""  # the person's own mailbox has no name to say


@pytest.mark.parametrize(
    ("mailboxes", "problem"),
    [
        ([{**TEAM, "name": ""}], "needs a name"),
        ([TEAM, {**TEAM, "name": "Team"}], "the same name"),
        ([{**TEAM, "mailboxes": [{**TEAM, "name": "inner"}]}], "cannot list mailboxes"),
        ([{**TEAM, "policy": {"sending": True}}], "follows the policy of the person"),
    ],
)
def test_a_shared_mailbox_needs_a_name_of_its_own_and_none_of_its_own(tmp_path, mailboxes, problem):
    path = write_accounts(tmp_path / "accounts.yaml", mailboxes=mailboxes)
    with pytest.raises(MailConfigError, match=problem):
        load_accounts(path)


def test_a_persons_own_account_has_no_mailbox_name(tmp_path):
    with pytest.raises(MailConfigError, match="'name' is for a shared mailbox"):
        load_accounts(write_accounts(tmp_path / "accounts.yaml", name="work"))


def test_agent_settings_point_at_the_local_services_by_default(monkeypatch):
    for name in ("MAILVOX_AGENT_STT_URL", "MAILVOX_AGENT_TTS_URL", "MAILVOX_AGENT_LLM_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = AgentSettings()
    assert settings.stt_url.startswith("http://127.0.0.1")
    assert settings.llm_url.endswith("/v1")


def test_the_worker_is_full_at_max_sessions_whatever_the_cpu_is_doing(tmp_path):
    """Below the ceiling the load is the latency headroom (tests/unit/test_admission.py)."""
    from mailvox.agent.admission import LatencyHeadroom

    threshold = AgentSettings().load_threshold
    headroom = LatencyHeadroom(tmp_path, budget_s=5.0, max_sessions=8, full_at=threshold)
    assert headroom.load(sessions=7) < threshold
    assert headroom.load(sessions=8) >= threshold
