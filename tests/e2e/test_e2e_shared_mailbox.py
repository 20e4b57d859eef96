"""A second mailbox, spoken (Piper) through livekit-server to the agent in one call: a person
who also reads the team's shared mailbox hears its email in the briefing, said with the
mailbox's name, and a reply to it is saved in the team mailbox's Drafts and sent from the team's
address only after "send it"."""

from __future__ import annotations

import email
import email.policy

import pytest
import yaml

from mailvox.client import VoiceClient
from mailvox.speech import synthesize_16k
from mailvox_dev.devservers.dovecot import MailUser

from ..conftest import MailboxUser
from ..helpers import folder_subjects
from .spoken_calls import Expected, own_copy_of_the_demo, spoken_exchanges, wrong_answers

IDENTITY = "teamed"
TEAM_USER = "teamed-support"
TEAM_ADDRESS = "support@northwind.example"
ORDER = (
    b"From: Marco Silva <marco.silva@contoso.example>\r\nTo: Northwind Support <support@northwind.example>\r\n"
    b"Subject: Order 1142 arrived damaged\r\nDate: Tue, 24 Nov 2026 09:00:00 -0500\r\n"
    b"Message-ID: <order-1142@contoso.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Hi team, order 1142 arrived with a cracked screen. Can you send a replacement this week?\r\n"
)
REQUESTS: list[Expected] = [
    ("Read me the email from Marco.", ("in the team mailbox",), ()),
    ("Tell him a replacement ships tomorrow.", ("saved in the team mailbox's drafts",), ("Sent",)),
    ("Yes, send it.", ("outside your company",), ("Sent",)),  # "Send it." alone was once heard "Same there."
    ("Yes.", ("Sent to Marco",), ()),
]


@pytest.mark.timeout(300)
async def test_team_mail_is_briefed_by_its_mailbox_and_answered_from_it_by_voice(
    agent_worker, livekit_server, livekit_settings, dovecot, demo_accounts_file, smtp_server
):
    from mailvox.agent.mail.mailbox import Mailbox

    own_copy_of_the_demo(dovecot, demo_accounts_file, IDENTITY, smtp_server)
    dovecot.add_user(MailUser(TEAM_USER, "demo-password"))
    dovecot.deliver(TEAM_USER, ORDER)
    accounts = yaml.safe_load(demo_accounts_file.read_text())
    mine = accounts["accounts"][IDENTITY]
    mine["mailboxes"] = [{**mine, "name": "team", "address": TEAM_ADDRESS, "username": TEAM_USER}]
    demo_accounts_file.write_text(yaml.safe_dump(accounts))

    speech = [(said, synthesize_16k(said, steady=True)) for said, _, _ in REQUESTS]
    settings = livekit_settings.model_copy(update={"url": livekit_server.url})
    async with VoiceClient(settings, IDENTITY) as client:
        await client.listen(timeout=120)  # the greeting
        greeting = " ".join(client.agent_said())
        exchanges = await spoken_exchanges(client, IDENTITY, speech)

    assert "One is in the team mailbox." in greeting, greeting
    wrong = wrong_answers(REQUESTS, exchanges)
    assert not wrong, wrong
    [sent] = smtp_server.messages
    message = email.message_from_bytes(sent.data, policy=email.policy.default)
    assert (sent.mail_from, message["From"].addresses[0].addr_spec) == (TEAM_ADDRESS, TEAM_ADDRESS)
    assert "a replacement" in message.get_body(("plain",)).get_content().lower()  # the caller's words
    team = Mailbox(MailboxUser(dovecot, TEAM_USER, "demo-password").account())
    try:
        assert await folder_subjects(team, "sent") == ["Re: Order 1142 arrived damaged"]
        assert await folder_subjects(team, "drafts") == []
    finally:
        await team.close()
