"""ManageSieve trouble on the real Dovecot/Pigeonhole: an outage never stops a call, a rule
kept locally meanwhile reaches the server when it is back, sievelib's errors are mail errors,
the user's own script is never replaced, and a corporate CA bundle works for Sieve too."""

from __future__ import annotations

import socket
import time

import pytest

from mailvox.agent.mail.accounts import MailAccount, ServerEndpoint
from mailvox.agent.mail.rules import LocalRules, OwnScriptActive, Rule, RuleError, SieveRules, rules_for
from mailvox_dev.devservers.certs import make_certificates
from mailvox_dev.devservers.dovecot import DovecotServer, MailUser
from mailvox_dev.devservers.process import free_port

NEWSLETTER = (
    b"From: VendorX Updates <news@vendorx.example>\r\nTo: someone@northwind.example\r\n"
    b"Subject: VendorX weekly\r\nMessage-ID: <weekly-9@vendorx.example>\r\n\r\nNew features.\r\n"
)


def with_sieve_at(mailbox_user, port: int) -> MailAccount:
    account = mailbox_user.account()
    account.sieve = ServerEndpoint(host="127.0.0.1", port=port, security="none")
    return account


async def test_a_sieve_server_that_is_down_gives_local_rules_and_no_exception(mailbox_user, tmp_path):
    account = with_sieve_at(mailbox_user, free_port())  # nothing listens there
    rules = await rules_for(account, tmp_path / "rules.json")
    assert rules.kind == "local"
    assert await rules.list() == []


async def test_a_sieve_server_that_never_answers_gives_local_rules_in_seconds(mailbox_user, tmp_path):
    silent = socket.create_server(("127.0.0.1", 0))  # accepts connections, says nothing
    try:
        account = with_sieve_at(mailbox_user, silent.getsockname()[1])
        started = time.monotonic()
        rules = await rules_for(account, tmp_path / "rules.json")
        assert rules.kind == "local" and time.monotonic() - started < 15
    finally:
        silent.close()


async def test_sievelibs_own_errors_are_rule_errors_with_a_spoken_line(mailbox_user):
    rules = SieveRules(with_sieve_at(mailbox_user, free_port()))
    with pytest.raises(RuleError) as caught:
        await rules.list()
    assert caught.value.spoken == "I couldn't change your mail rules."
    with pytest.raises(RuleError):
        await rules.add(Rule("mute", "vendorx"))


async def test_a_rule_kept_locally_during_an_outage_reaches_the_server_when_it_returns(mailbox_user, dovecot, tmp_path):
    down = with_sieve_at(mailbox_user, free_port())
    during = await rules_for(down, tmp_path / "rules.json")
    assert during.kind == "local"
    await during.add(Rule("mute", "vendorx"))

    back = with_sieve_at(mailbox_user, dovecot.sieve_port)
    after = await rules_for(back, tmp_path / "rules.json")
    assert after.kind == "server"
    assert await after.list() == [Rule("mute", "vendorx")]
    assert await LocalRules(tmp_path / "rules.json").list() == []  # moved, not kept twice
    dovecot.deliver_lda(back.identity, NEWSLETTER)
    from mailvox.agent.mail.mailbox import Mailbox

    mailbox = Mailbox(back)
    try:
        [muted] = await mailbox.search(sender="VendorX")
        assert not muted.unread  # the server's rule marked it read on delivery
    finally:
        await mailbox.close()


async def test_the_users_own_active_script_is_never_replaced(mailbox_user, dovecot):
    account = with_sieve_at(mailbox_user, dovecot.sieve_port)
    rules = SieveRules(account)
    client = rules._client()
    own = 'require ["fileinto"];\nif header :contains "subject" "x" { fileinto "X"; }\n'
    client.putscript("my-own", own)
    client.setactive("my-own")
    client.logout()
    with pytest.raises(OwnScriptActive) as caught:
        await rules.add(Rule("mute", "vendorx"))
    assert "your own mail filter" in caught.value.spoken
    client = rules._client()
    try:
        active, _ = client.listscripts()
        assert active == "my-own" and client.getscript("my-own").strip() == own.strip()
    finally:
        client.logout()


@pytest.fixture(scope="module")
def tls_dovecot(tmp_path_factory):
    certificates = make_certificates(tmp_path_factory.mktemp("certs"))
    certificates.key.chmod(0o644)  # Dovecot reads it after dropping root
    server = DovecotServer([MailUser("alex", "tls-password")], certificates=certificates)
    server.start()
    yield server
    server.stop()


async def test_the_ca_bundle_applies_to_managesieve_over_starttls(tls_dovecot, monkeypatch):
    monkeypatch.setenv("MAILVOX_SIEVE_TLS_PASSWORD", "tls-password")
    ca = tls_dovecot.certificates.ca

    def account(ca_bundle) -> MailAccount:
        return MailAccount(
            identity="alex",
            address="alex@northwind.example",
            username="alex",
            password_env="MAILVOX_SIEVE_TLS_PASSWORD",
            imap=ServerEndpoint(host="localhost", port=tls_dovecot.imap_port, security="starttls", ca_bundle=ca),
            sieve=ServerEndpoint(
                host="localhost", port=tls_dovecot.sieve_port, security="starttls", ca_bundle=ca_bundle
            ),
        )

    assert SieveRules(account(ca)).usable()
    with pytest.raises(RuleError, match="CERTIFICATE_VERIFY_FAILED"):
        SieveRules(account(None)).usable()
