"""More than one mailbox per person: a shared team mailbox read in the same call, over a real
Dovecot (a user of its own) and the test SMTP server. Its mail is briefed with the person's own
and said with the mailbox's name; acting, undoing, replying and sending happen in the mailbox
the email arrived in."""

from __future__ import annotations

import asyncio
import email
import email.policy

import pytest

from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.mail import AuditTrail
from mailvox.agent.mail.briefing import build_briefing
from mailvox.agent.mail.idle import NewMailWatcher
from mailvox.agent.mail.mailbox import Mailbox
from mailvox_dev.devservers.process import free_port

from ..helpers import flagged_subjects, folder_subjects
from .test_conversation import a_call, said

SUBJECT = "Order 1142 arrived damaged"


def team_mail(n: int = 1142, day: int = 24) -> bytes:
    return (
        f"From: Marco Silva <marco.silva@contoso.example>\r\nTo: Northwind Support <team@northwind.example>\r\n"
        f"Subject: Order {n} arrived damaged\r\nDate: Tue, {day} Nov 2026 09:00:00 -0500\r\n"
        f"Message-ID: <order-{n}@contoso.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Hi team, order {n} arrived with a cracked screen. Can you send a replacement this week?\r\n"
    ).encode()


@pytest.fixture
async def both(demo_copy, team_mailbox_user, dovecot, smtp_server):
    """The demo person's mailbox, now also reading a team mailbox that holds one unread email."""
    dovecot.deliver(team_mailbox_user.name, team_mail())
    team = team_mailbox_user.account(smtp_server, name="team", display_name="Northwind Support")
    team.smtp.login = False  # the test SMTP server takes mail without AUTH
    account = demo_copy.account.model_copy(update={"mailboxes": [team]})
    mailbox = Mailbox(account)
    yield mailbox
    await mailbox.close()


@pytest.fixture
async def call(both, tmp_path):
    async with a_call(both, tmp_path, unread=6) as running_and_assistant:
        yield running_and_assistant


async def test_the_briefing_holds_both_mailboxes_and_says_where_each_email_is(both, demo_copy):
    briefing = Briefing.of(await build_briefing(both, rules=[]))
    own = await build_briefing(demo_copy, rules=[])
    [team_item] = [item for item in briefing.items if item.triaged.message.mailbox == "team"]
    assert len(briefing.items) == len(own) + 1
    assert briefing.summary(team_item).startswith(f"From Marco Silva, in the team mailbox: {SUBJECT}.")
    assert " One is in the team mailbox. Shall I go through them" in briefing.offer()
    # the person's own mail is said as before
    assert all(not briefing.summary(item).count("mailbox:") for item in briefing.items if item is not team_item)
    assert await both.unread_count() == await demo_copy.unread_count() + 1


async def test_a_search_covers_the_team_mailbox_too(both):
    [found] = await both.search(sender="Marco")
    assert (found.subject, found.mailbox) == (SUBJECT, "team")
    assert {m.mailbox for m in await both.search(words=("budget",))} == {""}  # Sarah's is the person's own
    # a team email is filed among the team mailbox's folders, not the person's
    await both.others["team"].imap.call(lambda client: client.create_folder("Orders"))
    assert "Orders" in await both.folder_names("team") and "Orders" not in await both.folder_names()


async def test_a_reply_to_team_mail_is_drafted_and_sent_from_the_team_mailbox(call, both, demo_copy, smtp_server):
    running, _ = call
    team = both.others["team"]
    own_drafts = await folder_subjects(demo_copy, "drafts")
    assert (await said(running, "Read me the email from Marco.")).startswith("From Marco Silva, in the team mailbox:")
    read_back = await said(running, "Tell him a replacement ships tomorrow.")
    assert read_back.startswith("Here's your reply to Marco Silva: A replacement ships tomorrow.")
    assert "It's saved in the team mailbox's drafts." in read_back
    assert await folder_subjects(team, "drafts") == [f"Re: {SUBJECT}"]
    assert await folder_subjects(demo_copy, "drafts") == own_drafts

    # the customer is outside the company: the admin's policy asks once more, as for any send
    assert (await said(running, "Send it.")).startswith("It goes outside your company")
    assert await said(running, "Yes.") == "Sent to Marco Silva."
    [sent] = smtp_server.messages
    message = email.message_from_bytes(sent.data, policy=email.policy.default)
    assert (sent.mail_from, message["From"].addresses[0].addr_spec) == (team.account.address,) * 2
    assert await folder_subjects(team, "sent") == [f"Re: {SUBJECT}"]
    assert await folder_subjects(team, "drafts") == []
    assert f"Re: {SUBJECT}" not in await folder_subjects(demo_copy, "sent")


async def test_acting_on_team_mail_changes_the_team_mailbox_and_undo_brings_it_back(call, both, demo_copy, tmp_path):
    running, _ = call
    team = both.others["team"]
    own_archive = await folder_subjects(demo_copy, "archive")
    await said(running, "Read me the email from Marco.")
    assert await said(running, "Archive it.") == "Archived."
    assert await folder_subjects(team, "archive") == [SUBJECT]
    assert await folder_subjects(demo_copy, "archive") == own_archive  # the person's UID 1 stays put
    assert (await said(running, "Undo that.")).startswith("Undone")
    assert await folder_subjects(team, "archive") == []
    assert [m.subject for m in await team.unread()] == [SUBJECT]
    assert await said(running, "Flag it.") == "Flagged."
    assert await said(running, "Is it flagged?") == "Yes, it's flagged."  # asked of the team mailbox
    archived = AuditTrail(tmp_path / "audit.jsonl").records()[0]
    assert [(m.mailbox, m.subject) for m in archived.messages] == [("team", SUBJECT)]  # the trail says where


async def test_new_team_mail_reaches_the_same_queue_named_by_its_mailbox(both, team_mailbox_user, dovecot):
    own = NewMailWatcher(both.account, reidle_s=1.0, check_s=0.3)
    team = NewMailWatcher(both.others["team"].account, reidle_s=1.0, check_s=0.3, queue=own.queue)
    await asyncio.gather(own.start(), team.start())
    try:
        dovecot.deliver_lda(team_mailbox_user.name, team_mail(1143, day=25))  # as a mail server delivers
        arrived = await asyncio.wait_for(own.queue.get(), 20)
        assert (arrived.subject, arrived.mailbox) == ("Order 1143 arrived damaged", "team")
    finally:
        await asyncio.gather(own.stop(), team.stop())


async def test_team_mail_is_filed_among_the_team_mailboxs_folders_by_voice(call, both, demo_copy):
    running, _ = call
    team = both.others["team"]
    await team.imap.call(lambda client: client.create_folder("Orders"))  # the team's, not the person's
    await said(running, "Read me the email from Marco.")
    assert await said(running, "File it under Orders.") == "Did you want me to file Marco Silva's email under Orders?"
    assert await said(running, "Yes.") == "Filed in Orders."
    assert SUBJECT in [m.subject for m in await team.search(subject="Order 1142", folder="Orders")]
    assert "Orders" not in await demo_copy.folder_names()


async def test_an_email_in_both_mailboxes_is_briefed_once_from_the_persons_own(both, team_mailbox_user, dovecot):
    copied = team_mail(1150).replace(
        b"To: Northwind Support <team@northwind.example>", b"To: team@northwind.example\r\nCc: alex@northwind.example"
    )
    dovecot.deliver(team_mailbox_user.name, copied)
    dovecot.deliver(both.account.identity, copied)
    found = [m for m in await both.unread() if m.subject == "Order 1150 arrived damaged"]
    assert [m.mailbox for m in found] == [""]
    assert [m.mailbox for m in await both.search(words=("1150",))] == [""]


async def test_a_shared_mailbox_that_cannot_be_reached_leaves_the_persons_own_mail(demo_copy, team_mailbox_user):
    team = team_mailbox_user.account(name="team")
    team.imap.port = free_port()  # nothing answers there
    mailbox = Mailbox(demo_copy.account.model_copy(update={"mailboxes": [team]}))
    try:
        await mailbox.leave_out_unreachable()
        assert (mailbox.unreachable, list(mailbox.others)) == (["team"], [])
        briefed = await build_briefing(mailbox, rules=[])
        assert len(briefed) == len(await build_briefing(demo_copy, rules=[]))
    finally:
        await mailbox.close()


async def test_words_that_sound_like_a_team_sender_never_turn_an_action_onto_the_open_email(call, both):
    """Marco in the team mailbox sounds like "mark": "Mark Bobbs as read" with Priya's email open
    had marked Priya's read. The verb is no name; words naming two senders are asked about."""
    running, _ = call
    await said(running, "Skip ahead to Priya's.")
    assert await said(running, "Mark Bobbs as read.") == "Did you want me to mark Robert Bob Smith's email read?"
    assert "Offsite agenda - your slot" in [m.subject for m in await both.unread()]  # Priya's untouched
    assert (await said(running, "Go back to Priya.")).startswith("From Priya Natarajan:")  # no "'s" needed
    asked = await said(running, "Flag Marco's or Bob's, whichever.")
    assert asked == "Which email? Marco Silva or Robert Bob Smith?"
    assert await said(running, "Bob.") == "Did you want me to flag Robert Bob Smith's email?"
    assert await said(running, "Yes.") == "Flagged."
    assert await flagged_subjects(both) == ["Subject: Is the release still on for Thursday?"]  # Bob's alone
