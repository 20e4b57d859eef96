"""Acting on exactly the intended message, on the real Dovecot: by UID with UIDVALIDITY, never
by a search that could match more (a message without a Message-ID once moved the whole inbox
to Trash), and never a plain EXPUNGE that would remove other clients' deleted mail."""

from __future__ import annotations

import pytest

from mailvox.agent.mail.mailbox import AmbiguousTarget, Mailbox, MoveNotSafe
from mailvox_dev.devservers.dovecot import DovecotServer, MailUser

WITHOUT_ID = (
    b"From: Old Gateway <gateway@legacy.example>\r\nTo: alex@northwind.example\r\n"
    b"Subject: No id here\r\nDate: Mon, 2 Jun 2025 08:00:00 +0000\r\n\r\nA message with no Message-ID.\r\n"
)
FOLDERS = ("INBOX", "Trash", "Archive")


async def seeded_without_id(mailbox: Mailbox):
    """APPENDs a raw message with no Message-ID header; returns its summary."""
    await mailbox.imap.call(lambda client: client.append("INBOX", WITHOUT_ID))
    [message] = await mailbox.search(subject="No id here")
    assert message.message_id == ""
    return message


async def everything(mailbox: Mailbox) -> dict[str, dict[bytes, set[bytes]]]:
    """Per folder: each message's full header -> its flags (what "untouched" means)."""

    def run(client):
        found = {}
        for folder in FOLDERS:
            client.select_folder(folder, readonly=True)
            uids = client.search(["ALL"])
            data = client.fetch(uids, ["FLAGS", "BODY.PEEK[HEADER]"]) if uids else {}
            found[folder] = {v[b"BODY[HEADER]"]: set(v[b"FLAGS"]) - {b"\\Recent"} for v in data.values()}
        return found

    return await mailbox.imap.call(run)


def without_it(state: dict[str, dict[bytes, set[bytes]]]) -> dict[str, dict[bytes, set[bytes]]]:
    return {folder: {h: f for h, f in messages.items() if b"No id here" not in h} for folder, messages in state.items()}


def where_it_is(state: dict[str, dict[bytes, set[bytes]]]) -> dict[str, set[bytes]]:
    return {folder: f for folder, messages in state.items() for h, f in messages.items() if b"No id here" in h}


async def test_message_without_message_id_delete_moves_only_it_to_trash(demo_copy):
    message = await seeded_without_id(demo_copy)
    before = await everything(demo_copy)
    await demo_copy.trash([message])
    after = await everything(demo_copy)
    assert without_it(after) == without_it(before)
    assert list(where_it_is(after)) == ["Trash"]


async def test_message_without_message_id_undo_brings_back_only_it(demo_copy):
    message = await seeded_without_id(demo_copy)
    before = await everything(demo_copy)
    await demo_copy.trash([message])
    assert await demo_copy.undo() == "moved to Trash"
    after = await everything(demo_copy)
    assert without_it(after) == without_it(before)
    assert list(where_it_is(after)) == ["INBOX"]
    # the summary follows the message, so acting on it again reaches it in the inbox
    await demo_copy.flag([message])
    assert where_it_is(await everything(demo_copy)) == {"INBOX": {b"\\Flagged"}}


async def test_message_without_message_id_flag_touches_only_it(demo_copy):
    message = await seeded_without_id(demo_copy)
    before = await everything(demo_copy)
    await demo_copy.flag([message])
    assert without_it(await everything(demo_copy)) == without_it(before)
    assert where_it_is(await everything(demo_copy)) == {"INBOX": {b"\\Flagged"}}
    await demo_copy.undo()
    assert await everything(demo_copy) == before


async def test_message_without_message_id_read_and_unread_touch_only_it(demo_copy):
    message = await seeded_without_id(demo_copy)
    before = await everything(demo_copy)
    await demo_copy.mark_read([message])
    after = await everything(demo_copy)
    assert without_it(after) == without_it(before)
    assert where_it_is(after) == {"INBOX": {b"\\Seen"}}
    await demo_copy.mark_unread([message])
    assert await everything(demo_copy) == before


async def test_message_without_message_id_archive_moves_only_it(demo_copy):
    message = await seeded_without_id(demo_copy)
    before = await everything(demo_copy)
    await demo_copy.archive([message])
    after = await everything(demo_copy)
    assert without_it(after) == without_it(before)
    assert list(where_it_is(after)) == ["Archive"]
    await demo_copy.undo()
    assert await everything(demo_copy) == before


async def test_message_without_message_id_and_a_stale_uidvalidity_is_refused(demo_copy):
    message = await seeded_without_id(demo_copy)
    before = await everything(demo_copy)
    message.uidvalidity += 1  # as if the folder had been rebuilt since it was fetched
    with pytest.raises(AmbiguousTarget) as refused:
        await demo_copy.trash([message])
    assert "left your mail as it was" in refused.value.spoken
    assert await everything(demo_copy) == before


async def test_a_stale_uid_is_found_again_by_its_message_id_only_when_unique(demo_copy):
    [sarah] = await demo_copy.search(sender="Sarah Chen", unread_only=True)
    sarah.uidvalidity += 1
    await demo_copy.flag([sarah])
    [again] = await demo_copy.search(sender="Sarah Chen", unread_only=True)
    assert again.flagged
    # a second copy of it makes the Message-ID ambiguous: refused, nothing changed
    raw = await demo_copy.imap.call(lambda c: c.fetch([again.uid], ["BODY.PEEK[]"])[again.uid][b"BODY[]"])
    await demo_copy.imap.call(lambda c: c.append("INBOX", raw))
    before = await everything(demo_copy)
    sarah.uidvalidity += 1
    with pytest.raises(AmbiguousTarget):
        await demo_copy.trash([sarah])
    assert await everything(demo_copy) == before


async def test_a_thread_of_a_message_without_message_id_is_just_that_message(demo_copy):
    message = await seeded_without_id(demo_copy)
    assert [m.subject for m in await demo_copy.thread(message)] == ["No id here"]


# --- servers without MOVE ------------------------------------------------------------------

BASIC_CAPABILITIES = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT LITERAL+ NAMESPACE SPECIAL-USE UNSELECT"


@pytest.fixture(scope="module", params=["UIDPLUS", ""], ids=["uidplus", "no-uidplus"])
def dovecot_without_move(request):
    """A real Dovecot that advertises neither MOVE nor (in one variant) UIDPLUS."""
    server = DovecotServer(
        [MailUser("alex", "pw-alex")],
        extra_config=f"imap_capability = {BASIC_CAPABILITIES} {request.param}\n",
    )
    server.start()
    yield server, bool(request.param)
    server.stop()


async def test_without_move_only_the_target_is_expunged_or_nothing_is_done(dovecot_without_move, monkeypatch):
    from mailvox.agent.mail.accounts import MailAccount, ServerEndpoint

    server, uidplus = dovecot_without_move
    user = "alex"
    for n in range(3):
        server.deliver(user, f"From: a@b.example\r\nSubject: keep {n}\r\nMessage-ID: <k{n}@b>\r\n\r\nx\r\n".encode())
    # another mail client marked this one deleted and has not expunged it yet
    server.deliver(user, b"From: a@b.example\r\nSubject: deleted elsewhere\r\n\r\nx\r\n", flags="T")
    monkeypatch.setenv("MAILVOX_NOMOVE_PASSWORD", "pw-alex")
    account = MailAccount(
        identity=user,
        address="alex@northwind.example",
        username=user,
        password_env="MAILVOX_NOMOVE_PASSWORD",
        imap=ServerEndpoint(host="127.0.0.1", port=server.imap_port, security="none"),
    )
    mailbox = Mailbox(account)
    try:
        assert not await mailbox.imap.call(lambda c: c.has_capability("MOVE"))
        await mailbox.imap.call(lambda client: client.append("INBOX", WITHOUT_ID))
        [message] = await mailbox.search(subject="No id here")
        before = await everything(mailbox)
        if uidplus:
            await mailbox.trash([message])
            after = await everything(mailbox)
            assert without_it(after) == without_it(before)
            assert list(where_it_is(after)) == ["Trash"]
            await mailbox.undo()
            assert list(where_it_is(await everything(mailbox))) == ["INBOX"]
        else:
            with pytest.raises(MoveNotSafe):
                await mailbox.trash([message])
            assert await everything(mailbox) == before
        assert "deleted elsewhere" in str(await everything(mailbox))
    finally:
        await mailbox.close()
