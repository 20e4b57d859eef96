"""The real servers the fixtures start behave as MailVox needs them to."""

from __future__ import annotations

import socket
from email.message import EmailMessage

import aiosmtplib
import imapclient
import pytest
from livekit import api

from mailvox.agent.mail.errors import MailAuthError, MailConnectionError
from mailvox.agent.mail.imap import unread_count
from mailvox_dev.devservers.process import free_port


def test_dovecot_advertises_the_imap_extensions_mailvox_relies_on(dovecot):
    with imapclient.IMAPClient("127.0.0.1", port=dovecot.imap_port, ssl=False) as client:
        client.login("demo", "demo-password")
        capabilities = set(client.capabilities())
    for needed in (b"IDLE", b"UIDPLUS", b"MOVE", b"SPECIAL-USE", b"CONDSTORE"):
        assert needed in capabilities


def test_dovecot_has_the_special_use_folders(dovecot):
    with imapclient.IMAPClient("127.0.0.1", port=dovecot.imap_port, ssl=False) as client:
        client.login("demo", "demo-password")
        flags = {flag for folder_flags, _, _ in client.list_folders() for flag in folder_flags}
    for special in (b"\\Drafts", b"\\Sent", b"\\Trash", b"\\Archive", b"\\Junk"):
        assert special in flags


def test_managesieve_greets_with_sieve_capabilities(dovecot):
    with socket.create_connection(("127.0.0.1", dovecot.sieve_port), timeout=5) as s:
        greeting = b""
        while b"OK" not in greeting:
            greeting += s.recv(4096)
    assert b'"SIEVE"' in greeting and b"fileinto" in greeting


async def test_a_fresh_user_has_an_empty_inbox_and_seeding_adds_unread(mailbox_user, dovecot):
    account = mailbox_user.account()
    assert await unread_count(account) == 0
    dovecot.deliver(mailbox_user.name, b"From: a@b.example\r\nSubject: hi\r\n\r\nbody\r\n")
    dovecot.deliver(mailbox_user.name, b"From: a@b.example\r\nSubject: seen\r\n\r\nbody\r\n", flags="S")
    assert await unread_count(account) == 1


async def test_wrong_password_is_an_auth_error_with_a_spoken_reason(mailbox_user, monkeypatch):
    account = mailbox_user.account()
    monkeypatch.setenv(account.password_env, "not-the-password")
    with pytest.raises(MailAuthError) as caught:
        await unread_count(account)
    assert "refused" in caught.value.spoken


async def test_an_unreachable_imap_server_is_a_connection_error(mailbox_user):
    account = mailbox_user.account()
    account.imap.port = free_port()  # nothing listens there
    with pytest.raises(MailConnectionError):
        await unread_count(account)


async def test_smtp_server_records_what_it_receives(smtp_server):
    message = EmailMessage()
    message["From"] = "alex@northwind.example"
    message["To"] = "sarah.chen@northwind.example"
    message["Subject"] = "Q3 numbers"
    message.set_content("Attached by Friday.")
    await aiosmtplib.send(message, hostname=smtp_server.host, port=smtp_server.port)
    [received] = smtp_server.messages
    assert received.rcpt_tos == ["sarah.chen@northwind.example"]
    assert b"Subject: Q3 numbers" in received.data


async def test_livekit_server_accepts_its_keys_and_refuses_others(livekit_server, livekit_settings):
    async with api.LiveKitAPI(
        livekit_server.url.replace("ws://", "http://"),
        livekit_settings.api_key,
        livekit_settings.api_secret,
    ) as lk:
        await lk.room.create_room(api.CreateRoomRequest(name="fixture-check"))
        rooms = await lk.room.list_rooms(api.ListRoomsRequest())
        assert "fixture-check" in [room.name for room in rooms.rooms]
    async with api.LiveKitAPI(
        livekit_server.url.replace("ws://", "http://"),
        livekit_settings.api_key,
        "a-wrong-secret-that-is-long-enough-0000",
    ) as lk:
        with pytest.raises(api.TwirpError):
            await lk.room.list_rooms(api.ListRoomsRequest())


def test_a_user_added_while_dovecot_runs_can_log_in_at_once(dovecot):
    from mailvox_dev.devservers.dovecot import MailUser

    dovecot.add_user(MailUser("latecomer", "late-password"))
    with imapclient.IMAPClient("127.0.0.1", port=dovecot.imap_port, ssl=False) as client:
        client.login("latecomer", "late-password")
        assert client.folder_status("INBOX", [b"MESSAGES"])[b"MESSAGES"] == 0
