"""Acting on mail, drafting and sending against real Dovecot and SMTP servers: every action
can be undone, a draft is in Drafts the moment it is composed, and a send survives a crash
or an SMTP failure at any step with nothing lost and nothing sent twice."""

from __future__ import annotations

import pytest

from mailvox.agent.mail.drafts import Drafts, reply
from mailvox.agent.mail.journal import SendJournal
from mailvox.agent.mail.sending import Sender, SendError, SendOutcome
from mailvox_dev.devservers.faulty_smtp import FaultySMTPHandler
from mailvox_dev.devservers.smtp import SMTPServer

from ..helpers import folder_subjects


async def the(mailbox, sender: str):
    [message] = await mailbox.search(sender=sender, unread_only=True)
    return message


async def test_archive_moves_to_the_archive_folder_and_undo_brings_it_back(demo_copy):
    bob = await the(demo_copy, "Bob")
    await demo_copy.archive([bob])
    assert "Is the release still on for Thursday?" in await folder_subjects(demo_copy, "archive")
    assert await demo_copy.search(sender="Bob") == []
    assert await demo_copy.undo() == "archived"
    assert (await the(demo_copy, "Bob")).subject == "Is the release still on for Thursday?"
    assert await demo_copy.undo() == ""  # nothing left to undo


async def test_delete_goes_to_trash_and_can_be_undone(demo_copy):
    news = await the(demo_copy, "VendorX")
    await demo_copy.trash([news])
    assert "This week at VendorX: 5 new dashboard features" in await folder_subjects(demo_copy, "trash")
    await demo_copy.undo()
    assert await demo_copy.search(sender="VendorX")


async def test_flags_and_read_state_change_and_undo(demo_copy):
    sarah = await the(demo_copy, "Sarah Chen")
    await demo_copy.mark_read([sarah])
    assert len(await demo_copy.unread()) == 4
    await demo_copy.undo()
    assert len(await demo_copy.unread()) == 5
    await demo_copy.flag([sarah])
    assert (await the(demo_copy, "Sarah Chen")).flagged


async def test_a_reply_is_in_drafts_at_once_with_threading_headers(demo_copy):
    sarah = await the(demo_copy, "Sarah Chen")
    draft = reply(demo_copy.account, sarah, "I'll have the numbers to you by Friday.")
    await Drafts(demo_copy.imap).save(draft)
    raw = await Drafts(demo_copy.imap).load(draft["Message-ID"])
    assert b"In-Reply-To: <budget-q3-001@northwind.example>" in raw
    assert b"Subject: Re: Q3 budget numbers needed by Friday" in raw
    assert b"by Friday." in raw


async def test_editing_a_draft_replaces_it(demo_copy):
    sarah = await the(demo_copy, "Sarah Chen")
    drafts = Drafts(demo_copy.imap)
    first = reply(demo_copy.account, sarah, "Numbers by Friday.")
    await drafts.save(first)
    second = reply(demo_copy.account, sarah, "Numbers by Friday. I'm driving, so short reply.")
    await drafts.save(second, replaces=first["Message-ID"])
    assert await drafts.load(first["Message-ID"]) is None
    assert b"I'm driving" in await drafts.load(second["Message-ID"])


async def test_a_reply_header_cannot_be_injected_through_the_subject(demo_copy, dovecot):
    dovecot.deliver(
        demo_copy.account.identity,
        b"From: Mallory <m@evil.example>\r\nSubject: =?utf-8?q?hi=0D=0ABcc=3A_all=40northwind.example?=\r\n"
        b"Message-ID: <inject-1@evil.example>\r\n\r\nbody\r\n",
    )
    evil = await the(demo_copy, "Mallory")
    draft = reply(demo_copy.account, evil, "No.")
    assert draft["Bcc"] is None
    assert "\n" not in draft["Subject"] and "\r" not in draft["Subject"]


def sender_for(mailbox, tmp_path, checkpoint=lambda _: None) -> Sender:
    return Sender(mailbox.account, mailbox.imap, SendJournal(tmp_path / "journal.json"), checkpoint)


async def drafted(mailbox) -> str:
    draft = reply(mailbox.account, await the(mailbox, "Sarah Chen"), "Numbers by Friday.")
    await Drafts(mailbox.imap).save(draft)
    return draft["Message-ID"]


async def test_send_delivers_once_files_in_sent_and_clears_the_draft(demo_copy, smtp_server, tmp_path):
    message_id = await drafted(demo_copy)
    assert await sender_for(demo_copy, tmp_path).send(message_id) == SendOutcome.SENT
    [received] = smtp_server.messages
    assert received.rcpt_tos == ["sarah.chen@northwind.example"]
    assert await folder_subjects(demo_copy, "sent") == ["Re: Q3 budget numbers needed by Friday"]
    assert await Drafts(demo_copy.imap).load(message_id) is None
    # a second request to send the same draft sends nothing
    assert await sender_for(demo_copy, tmp_path).send(message_id) == SendOutcome.ALREADY_SENT
    assert len(smtp_server.messages) == 1


class SimulatedCrash(Exception):
    """The process dies here (fault injection)."""


@pytest.mark.parametrize(
    "crash_at, outcome_on_retry",
    [
        ("before_smtp", SendOutcome.SENT),
        ("after_smtp", SendOutcome.RECOVERED),
        ("after_sent_copy", SendOutcome.ALREADY_SENT),
    ],
)
async def test_a_crash_at_any_step_loses_nothing_and_never_sends_twice(
    demo_copy, smtp_server, tmp_path, crash_at, outcome_on_retry
):
    message_id = await drafted(demo_copy)

    def crash(step: str) -> None:
        if step == crash_at:
            raise SimulatedCrash(step)

    with pytest.raises(SimulatedCrash):
        await sender_for(demo_copy, tmp_path, crash).send(message_id)
    in_drafts = await Drafts(demo_copy.imap).load(message_id) is not None
    in_sent = bool(await folder_subjects(demo_copy, "sent"))
    assert in_drafts or in_sent  # nothing lost

    assert await sender_for(demo_copy, tmp_path).send(message_id) == outcome_on_retry
    assert len(smtp_server.messages) == 1  # never twice
    assert await folder_subjects(demo_copy, "sent") == ["Re: Q3 budget numbers needed by Friday"]
    assert await Drafts(demo_copy.imap).load(message_id) is None


async def test_a_send_cut_off_mid_smtp_is_not_resent_without_the_user(demo_copy, smtp_server, tmp_path):
    message_id = await drafted(demo_copy)
    journal = SendJournal(tmp_path / "journal.json")
    journal.set(message_id, "sending")  # the process died waiting for the server's answer
    assert await sender_for(demo_copy, tmp_path).send(message_id) == SendOutcome.UNCERTAIN
    assert smtp_server.messages == []
    assert await Drafts(demo_copy.imap).load(message_id) is not None
    # the user, told it may have gone, says to send it anyway
    outcome = await sender_for(demo_copy, tmp_path).send(message_id, resend_uncertain=True)
    assert outcome == SendOutcome.SENT and len(smtp_server.messages) == 1


@pytest.mark.parametrize("fail_at", ["rcpt", "data", "drop"])
async def test_an_smtp_failure_keeps_the_draft_and_a_retry_sends_once(demo_copy, tmp_path, fail_at):
    handler = FaultySMTPHandler(fail_at=fail_at)
    faulty = SMTPServer(handler=handler)
    faulty.start()
    try:
        demo_copy.account.smtp.port = faulty.port
        message_id = await drafted(demo_copy)
        with pytest.raises(SendError) as caught:
            await sender_for(demo_copy, tmp_path).send(message_id)
        assert "drafts" in caught.value.spoken
        assert await Drafts(demo_copy.imap).load(message_id) is not None
        assert faulty.messages == []
        assert await sender_for(demo_copy, tmp_path).send(message_id) == SendOutcome.SENT
        assert len(faulty.messages) == 1
    finally:
        faulty.stop()
