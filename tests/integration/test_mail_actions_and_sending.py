"""Acting on mail, drafting and sending against real Dovecot and SMTP servers: every action
can be undone, a draft is in Drafts the moment it is composed, and a send survives a crash
or an SMTP failure at any step with nothing lost and nothing sent twice."""

from __future__ import annotations

import pytest

from mailvox.agent.mail.drafts import Drafts, compose, reply
from mailvox.agent.mail.imap import ImapConnection
from mailvox.agent.mail.journal import SendJournal
from mailvox.agent.mail.sending import Sender, SendError, SendOutcome, SendUncertain
from mailvox.agent.mail.types import Address
from mailvox_dev.devservers.faulty_imap import AppendAnswerCutter
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


# A connection lost after the message data went out is "may have been sent": see below.
@pytest.mark.parametrize("fail_at", ["rcpt", "data", "drop_at_rcpt"])
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


@pytest.mark.parametrize("fail_at", ["drop", "lost_reply", "stall"])
async def test_a_connection_lost_after_data_may_have_sent_and_is_not_resent_without_the_user(
    demo_copy, tmp_path, fail_at
):
    # drop: the server took nothing; lost_reply and stall: it queued the mail, and the client
    # can't tell these apart, so each is "may have been sent"
    faulty = SMTPServer(handler=FaultySMTPHandler(fail_at=fail_at, stall_s=3.0))
    faulty.start()
    try:
        demo_copy.account.smtp.port = faulty.port
        message_id = await drafted(demo_copy)
        sender = Sender(demo_copy.account, demo_copy.imap, SendJournal(tmp_path / "journal.json"), timeout_s=1.0)
        with pytest.raises(SendUncertain) as caught:
            await sender.send(message_id)
        assert "may have sent it" in caught.value.spoken and "drafts" in caught.value.spoken
        queued = len(faulty.messages)
        assert queued == (0 if fail_at == "drop" else 1)
        assert await Drafts(demo_copy.imap).load(message_id) is not None
        assert await folder_subjects(demo_copy, "sent") == []  # not claimed as sent either
        # "send it" again: not resent until the user says so after hearing it may have gone
        assert await sender.send(message_id) == SendOutcome.UNCERTAIN
        assert len(faulty.messages) == queued
        assert await sender.send(message_id, resend_uncertain=True) == SendOutcome.SENT
        assert len(faulty.messages) == queued + 1
    finally:
        faulty.stop()


async def test_a_partly_refused_send_says_which_recipients_were_refused(demo_copy, tmp_path):
    faulty = SMTPServer(handler=FaultySMTPHandler(fail_at="rcpt"))  # refuses the first RCPT
    faulty.start()
    try:
        demo_copy.account.smtp.port = faulty.port
        draft = compose(
            demo_copy.account,
            [Address("Gone", "gone@northwind.example"), Address("Bob", "bob.smith@northwind.example")],
            "Two of us",
            "Hi both.",
        )
        await Drafts(demo_copy.imap).save(draft)
        sender = sender_for(demo_copy, tmp_path)
        assert await sender.send(draft["Message-ID"]) == SendOutcome.PARTLY_SENT
        assert list(sender.refused) == ["gone@northwind.example"]
        assert sender.refused["gone@northwind.example"].startswith("550")
        [received] = faulty.messages
        assert received.rcpt_tos == ["bob.smith@northwind.example"]
        assert await folder_subjects(demo_copy, "sent") == ["Two of us"]
    finally:
        faulty.stop()


async def test_a_server_that_files_sent_mail_itself_gets_no_second_copy(demo_copy, smtp_server, tmp_path):
    demo_copy.account.server_saves_sent = True
    message_id = await drafted(demo_copy)
    assert await sender_for(demo_copy, tmp_path).send(message_id) == SendOutcome.SENT
    assert len(smtp_server.messages) == 1
    assert await folder_subjects(demo_copy, "sent") == []  # this test server files nothing itself
    assert await Drafts(demo_copy.imap).load(message_id) is None


async def test_an_append_retried_after_its_answer_was_lost_leaves_one_copy(demo_copy, dovecot, smtp_server, tmp_path):
    cutter = AppendAnswerCutter(dovecot.imap_port, cuts=2)  # the draft's APPEND, then Sent's
    cutter.start()
    account = demo_copy.account.model_copy(deep=True)
    account.imap.port = cutter.port
    connection = ImapConnection(account, backoff_s=0.05)
    try:
        sarah = await the(demo_copy, "Sarah Chen")
        draft = reply(account, sarah, "Numbers by Friday.")
        await Drafts(connection).save(draft)
        assert await folder_subjects(demo_copy, "drafts") == ["Re: Q3 budget numbers needed by Friday"]
        outcome = await Sender(account, connection, SendJournal(tmp_path / "journal.json")).send(draft["Message-ID"])
        assert outcome == SendOutcome.SENT and cutter.cuts_left == 0
        assert await folder_subjects(demo_copy, "sent") == ["Re: Q3 budget numbers needed by Friday"]
        assert len(smtp_server.messages) == 1
    finally:
        await connection.close()
        cutter.stop()
