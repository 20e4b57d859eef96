"""XOAUTH2 (Exchange Online / Gmail style) for IMAP and SMTP: the access token comes from the
admin's token command; Dovecot checks it with the identity provider (a local RFC 7662
introspection endpoint stands in for it), and the SMTP server checks the bearer token."""

from __future__ import annotations

import pytest

from mailvox.agent.mail.accounts import MailAccount, ServerEndpoint
from mailvox.agent.mail.drafts import Drafts, compose
from mailvox.agent.mail.errors import MailAuthError, MailConfigError
from mailvox.agent.mail.imap import ImapConnection, unread_count
from mailvox.agent.mail.journal import SendJournal
from mailvox.agent.mail.sending import Sender, SendError, SendOutcome
from mailvox.agent.mail.types import Address
from mailvox_dev.devservers.dovecot import DovecotServer, MailUser
from mailvox_dev.devservers.oauth import TokenIntrospection
from mailvox_dev.devservers.smtp import OAuthSMTPHandler, SMTPServer

TOKEN = "ya29.test-access-token"


@pytest.fixture(scope="module")
def oauth_servers():
    idp = TokenIntrospection({TOKEN: "alex"})
    idp.start()
    dovecot = DovecotServer([MailUser("alex", "unused-password")], oauth_introspection_url=idp.url)
    dovecot.start()
    dovecot.deliver("alex", b"From: a@b.example\r\nSubject: hi\r\n\r\nhi\r\n")
    smtp = SMTPServer(handler=OAuthSMTPHandler(tokens={TOKEN: "alex"}))
    smtp.start()
    yield dovecot, smtp
    smtp.stop()
    dovecot.stop()
    idp.stop()


def account(dovecot, smtp, token_command) -> MailAccount:
    return MailAccount(
        identity="alex",
        address="alex@northwind.example",
        username="alex",
        auth="xoauth2",
        token_command=token_command,
        imap=ServerEndpoint(host="127.0.0.1", port=dovecot.imap_port, security="none"),
        smtp=ServerEndpoint(host="127.0.0.1", port=smtp.port, security="none"),
    )


async def test_imap_logs_in_with_a_token_from_the_token_command(oauth_servers):
    dovecot, smtp = oauth_servers
    assert await unread_count(account(dovecot, smtp, ["echo", TOKEN])) == 1


async def test_an_expired_token_is_an_auth_error(oauth_servers):
    dovecot, smtp = oauth_servers
    with pytest.raises(MailAuthError):
        await unread_count(account(dovecot, smtp, ["echo", "expired-token"]))


async def test_a_failing_token_command_is_a_config_error_that_says_why(oauth_servers):
    dovecot, smtp = oauth_servers
    with pytest.raises(MailConfigError, match="token command exited 1"):
        await unread_count(account(dovecot, smtp, ["sh", "-c", "echo no refresh token >&2; exit 1"]))


async def test_smtp_sends_with_xoauth2_and_refuses_a_bad_token(oauth_servers, tmp_path):
    dovecot, smtp = oauth_servers
    good = account(dovecot, smtp, ["echo", TOKEN])
    connection = ImapConnection(good)
    try:
        message = compose(good, [Address("Sarah", "sarah@northwind.example")], "Numbers", "By Friday.")
        await Drafts(connection).save(message)
        bad = account(dovecot, smtp, ["echo", TOKEN])
        bad.token_command = ["echo", "stolen"]
        # IMAP still uses the good connection; SMTP gets the bad token
        with pytest.raises(SendError):
            await Sender(bad, connection, SendJournal(tmp_path / "j.json")).send(message["Message-ID"])
        assert smtp.messages == []
        sent = await Sender(good, connection, SendJournal(tmp_path / "j.json")).send(message["Message-ID"])
        assert sent == SendOutcome.SENT and len(smtp.messages) == 1
    finally:
        await connection.close()


async def test_a_slow_token_command_never_blocks_the_event_loop(oauth_servers, tmp_path):
    import asyncio
    import time

    dovecot, smtp = oauth_servers
    slow = account(dovecot, smtp, ["sh", "-c", f"sleep 1; echo {TOKEN}"])  # a token helper taking 1 s
    connection = ImapConnection(slow)
    longest_stall = 0.0
    done = asyncio.Event()

    async def heartbeat() -> None:
        nonlocal longest_stall
        last = time.monotonic()
        while not done.is_set():
            await asyncio.sleep(0.02)
            now = time.monotonic()
            longest_stall, last = max(longest_stall, now - last), now

    beating = asyncio.create_task(heartbeat())
    try:
        message = compose(slow, [Address("Sarah", "sarah@northwind.example")], "Slow token", "Hi.")
        await Drafts(connection).save(message)  # IMAP login: the token command runs in a thread
        before = len(smtp.messages)
        sender = Sender(slow, connection, SendJournal(tmp_path / "j.json"))
        assert await sender.send(message["Message-ID"]) == SendOutcome.SENT
        assert len(smtp.messages) == before + 1
    finally:
        done.set()
        await beating
        await connection.close()
    assert longest_stall < 0.5, f"the event loop stalled {longest_stall:.2f} s"
