"""IMAPS and STARTTLS against a real Dovecot with a certificate from a test CA: certificate
checks are on by default, and a corporate CA bundle is the way to trust a private CA."""

from __future__ import annotations

import pytest

from mailvox.agent.mail.accounts import MailAccount, ServerEndpoint
from mailvox.agent.mail.errors import MailConnectionError
from mailvox.agent.mail.imap import unread_count
from mailvox_dev.devservers.certs import make_certificates
from mailvox_dev.devservers.dovecot import DovecotServer, MailUser


@pytest.fixture(scope="module")
def tls_dovecot(tmp_path_factory):
    certificates = make_certificates(tmp_path_factory.mktemp("certs"))
    certificates.key.chmod(0o644)  # Dovecot reads it after dropping root
    server = DovecotServer([MailUser("alex", "tls-password")], certificates=certificates)
    server.start()
    server.deliver("alex", b"From: a@b.example\r\nSubject: over TLS\r\n\r\nhi\r\n")
    yield server
    server.stop()


def account(port: int, security: str, ca_bundle=None, host: str = "localhost") -> MailAccount:
    return MailAccount(
        identity="alex",
        address="alex@northwind.example",
        username="alex",
        password_file=None,
        password_env="MAILVOX_TLS_TEST_PASSWORD",
        imap=ServerEndpoint(host=host, port=port, security=security, ca_bundle=ca_bundle),
    )


@pytest.fixture(autouse=True)
def password(monkeypatch):
    monkeypatch.setenv("MAILVOX_TLS_TEST_PASSWORD", "tls-password")


async def test_imaps_with_the_corporate_ca_bundle_works(tls_dovecot):
    ca = tls_dovecot.certificates.ca
    assert await unread_count(account(tls_dovecot.imaps_port, "tls", ca)) == 1


async def test_starttls_with_the_corporate_ca_bundle_works(tls_dovecot):
    ca = tls_dovecot.certificates.ca
    assert await unread_count(account(tls_dovecot.imap_port, "starttls", ca)) == 1


@pytest.mark.parametrize("security", ["tls", "starttls"])
async def test_an_untrusted_certificate_is_refused_by_default(tls_dovecot, security):
    port = tls_dovecot.imaps_port if security == "tls" else tls_dovecot.imap_port
    with pytest.raises(MailConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
        await unread_count(account(port, security))


async def test_a_certificate_for_another_host_name_is_refused(tls_dovecot):
    ca = tls_dovecot.certificates.ca
    with pytest.raises(MailConnectionError, match="match|mismatch"):
        await unread_count(account(tls_dovecot.imaps_port, "tls", ca, host="127.0.0.1"))  # not in the certificate


async def test_check_mail_says_to_set_the_ca_bundle_and_passes_with_it(tls_dovecot, tmp_path):
    import yaml

    from mailvox.checkmail import check_mail

    def accounts_file(ca_bundle) -> object:
        entry = account(tls_dovecot.imaps_port, "tls", ca_bundle).model_dump(mode="json", exclude_none=True)
        path = tmp_path / "accounts.yaml"
        path.write_text(yaml.safe_dump({"accounts": {"alex": entry}}))
        return path

    said: list[str] = []
    assert not await check_mail("alex", accounts_file(None), said.append)
    [failed] = [line for line in said if line.startswith("FAILED")]
    assert "certificate is not trusted" in failed and "imap.ca_bundle" in failed
    said.clear()
    await check_mail("alex", accounts_file(str(tls_dovecot.certificates.ca)), said.append)
    assert [line for line in said if line.startswith("FAILED")] == [
        "FAILED  SMTP: no smtp server configured: MailVox could draft replies but not send them."
    ]
    assert any("IMAP localhost" in line and "logged in as alex" in line for line in said)
    assert any("INBOX: 1 unread" in line for line in said)
