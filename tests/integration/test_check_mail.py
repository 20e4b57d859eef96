"""`mailvox check-mail USER` against the real Dovecot and SMTP servers: every step of a good
configuration is reported, and each kind of mistake is named with what to change."""

from __future__ import annotations

import subprocess
import sys

import yaml

from mailvox.agent.mail.accounts import ServerEndpoint
from mailvox.checkmail import check_mail
from mailvox_dev.devservers.process import free_port


def write_accounts(path, account) -> object:
    entry = account.model_dump(mode="json", exclude_none=True)
    for shared in entry.get("mailboxes", []):
        del shared["policy"]  # a shared mailbox follows its person's policy, and may not have one
    path.write_text(yaml.safe_dump({"accounts": {account.identity: entry}}))
    return path


async def test_a_good_configuration_passes_every_step(mailbox_user, dovecot, smtp_server, tmp_path):
    account = mailbox_user.account(smtp_server)
    account.smtp.login = False
    account.sieve = ServerEndpoint(host="127.0.0.1", port=dovecot.sieve_port, security="none")
    said: list[str] = []
    assert await check_mail(account.identity, write_accounts(tmp_path / "a.yaml", account), said.append), said
    assert [line.split()[0] for line in said] == ["ok"] * len(said) and len(said) == 6
    assert any("folders: drafts: Drafts, sent: Sent" in line for line in said)
    assert any("rules will live on the mail server" in line for line in said)
    assert smtp_server.messages == []  # nothing sent


async def test_a_shared_mailbox_is_checked_with_its_own_login(mailbox_user, team_mailbox_user, tmp_path):
    account = mailbox_user.account()
    team = team_mailbox_user.account(name="team")
    team.password_env = "MAILVOX_TEST_NO_SUCH_PASSWORD"  # its own login, and a wrong one
    account.mailboxes = [team]
    said: list[str] = []
    assert not await check_mail(account.identity, write_accounts(tmp_path / "a.yaml", account), said.append)
    assert any(line.startswith("ok      IMAP") for line in said), said  # the person's own passes
    [failed] = [line for line in said if line.startswith("FAILED") and "SMTP" not in line]  # neither has SMTP
    assert failed.startswith("FAILED  team: ") and "MAILVOX_TEST_NO_SUCH_PASSWORD" in failed, failed


async def test_each_mistake_is_named_with_what_to_change(mailbox_user, tmp_path):
    account = mailbox_user.account()
    good = account.imap.port

    async def failure(path) -> str:
        said: list[str] = []
        assert not await check_mail(account.identity, path, said.append)
        return next(line for line in said if line.startswith("FAILED"))

    account.imap.port = free_port()
    assert "nothing answers on 127.0.0.1" in await failure(write_accounts(tmp_path / "port.yaml", account))
    account.imap.port, account.imap.host = good, "imap.invalid"
    assert "does not resolve" in await failure(write_accounts(tmp_path / "dns.yaml", account))
    account.imap.host = "127.0.0.1"
    account.password_env = "MAILVOX_TEST_WRONG_PASSWORD"
    import os

    os.environ["MAILVOX_TEST_WRONG_PASSWORD"] = "not-the-password"
    assert "refused the login" in await failure(write_accounts(tmp_path / "password.yaml", account))
    assert "no mailbox account for identity 'nobody'" in await failure_for("nobody", tmp_path / "password.yaml")


async def failure_for(identity, path) -> str:
    said: list[str] = []
    assert not await check_mail(identity, path, said.append)
    return said[0]


def test_the_command_exits_non_zero_on_a_failure(tmp_path):
    path = tmp_path / "accounts.yaml"
    path.write_text("accounts: {}\n")
    result = subprocess.run(
        [sys.executable, "-m", "mailvox.cli", "check-mail", "alex", "--accounts-file", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "FAILED  accounts file" in result.stdout
