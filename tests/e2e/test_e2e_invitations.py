"""Beyond the basics, spoken (Piper) through livekit-server to the agent in one call: a meeting
invitation briefed and accepted, its iCalendar answer sent only on "send it"; and an email marked
confidential briefed without its words and read once the caller says yes."""

from __future__ import annotations

import email
import email.policy

import pytest

from mailvox.client import VoiceClient
from mailvox.speech import synthesize_16k

from ..helpers import folder_subjects, invitation
from .spoken_calls import Expected, own_copy_of_the_demo, spoken_exchanges, wrong_answers

IDENTITY = "invited"
DANA = ("Dana Whitfield", "dana.whitfield@northwind.example")
CONFIDENTIAL = (
    b"From: Kevin Brooks <kevin.brooks@northwind.example>\r\nTo: Alex Morgan <invited@northwind.example>\r\n"
    b"Subject: Restructuring plan\r\nSensitivity: Company-Confidential\r\n"
    b"Date: Tue, 24 Nov 2026 10:00:00 -0500\r\nMessage-ID: <restructuring@northwind.example>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nFinance merges with operations on March 1.\r\n"
)
REQUESTS: list[Expected] = [
    ("Read me the email from Dana.", ("invitation to Design review",), ()),
    ("Accept it.", ("answer to Dana",), ("Sent",)),
    ("Yes, send it.", ("Sent to Dana",), ()),
    ("Read me the email from Kevin.", ("marked confidential",), ("Restructuring", "merges")),
    ("Yes.", ("merges with operations",), ()),
]


@pytest.mark.timeout(300)
async def test_an_invitation_accepted_and_a_confidential_email_read_on_request_by_voice(
    agent_worker, livekit_server, livekit_settings, dovecot, demo_accounts_file, smtp_server
):
    from mailvox.agent.mail.mailbox import Mailbox

    account = own_copy_of_the_demo(dovecot, demo_accounts_file, IDENTITY, smtp_server)
    dovecot.deliver(IDENTITY, invitation("spoken", DANA, "Design review", "190000", "200000"))
    dovecot.deliver(IDENTITY, CONFIDENTIAL)
    speech = [(said, synthesize_16k(said, steady=True)) for said, _, _ in REQUESTS]
    settings = livekit_settings.model_copy(update={"url": livekit_server.url})
    async with VoiceClient(settings, IDENTITY) as client:
        await client.listen(timeout=120)  # the greeting
        exchanges = await spoken_exchanges(client, IDENTITY, speech)

    wrong = wrong_answers(REQUESTS, exchanges)
    assert not wrong, wrong
    [sent] = [m for m in smtp_server.messages if DANA[1] in m.rcpt_tos]
    message = email.message_from_bytes(sent.data, policy=email.policy.default)
    assert [p.get_param("method") for p in message.walk() if p.get_content_type() == "text/calendar"] == ["REPLY"]
    mailbox = Mailbox(account)
    try:
        assert await folder_subjects(mailbox, "sent") == ["Accepted: Design review"]
        assert await folder_subjects(mailbox, "drafts") == []
    finally:
        await mailbox.close()
