"""Meeting invitations by voice: briefed as one (who, what, when on the user's clock, where, and a
clash with another invitation), answered with "accept", "decline" or "maybe" as an iCalendar
REPLY (iMIP) that is saved in Drafts, read back, and sent only on "send it". Typed through a real
AgentSession over the demo mailbox in Dovecot, sent through a real SMTP server; the LLM writes
nothing (FAST_PATH_ONLY)."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from livekit.agents import AgentSession

from mailvox.agent.assistant import EmailAssistant
from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.mail.briefing import build_briefing

from ..helpers import folder_subjects
from .test_conversation import FAST_PATH_ONLY, said

LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")
# Three days on, so that it is said by its weekday whatever day the test runs.
DAY = (datetime.now(NEW_YORK) + timedelta(days=3)).date()
WEEKDAY = DAY.strftime("%A")


def invitation(
    key: str, organizer: tuple[str, str], summary: str, start_london: str, end_london: str, method="REQUEST"
):
    """An Outlook-style invitation: a text part and a text/calendar part, times in London."""
    day = DAY.strftime("%Y%m%d")
    calendar = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Test//Invite//EN",
            f"METHOD:{method}",
            "BEGIN:VEVENT",
            f"UID:{key}@northwind.example",
            "SEQUENCE:2",
            "DTSTAMP:20261201T090000Z",
            f"DTSTART;TZID=Europe/London:{day}T{start_london}",
            f"DTEND;TZID=Europe/London:{day}T{end_london}",
            f"SUMMARY:{summary}",
            "LOCATION:Room 4",
            f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}",
            "ATTENDEE;CN=Alex Morgan;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:alex@northwind.example",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
    )
    return (
        f"From: {organizer[0]} <{organizer[1]}>\r\nTo: Alex Morgan <alex@northwind.example>\r\n"
        f"Subject: Invitation: {summary}\r\nDate: Tue, 24 Nov 2026 10:00:00 -0500\r\n"
        f"Message-ID: <{key}-mail@northwind.example>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/alternative; boundary="c"\r\n\r\n'
        f"--c\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease join us for {summary}.\r\n"
        f"--c\r\nContent-Type: text/calendar; charset=utf-8; method={method}\r\n\r\n{calendar}\r\n--c--\r\n"
    ).encode()


DANA = ("Dana Whitfield", "dana.whitfield@northwind.example")
OMAR = ("Omar Haddad", "omar.haddad@northwind.example")


@pytest.fixture
async def invited_call(demo_copy, dovecot, tmp_path):
    demo_copy.account.time_zone = "America/New_York"  # 19:00 in London is 2 PM on the user's clock
    dovecot.deliver(demo_copy.account.identity, invitation("design", DANA, "Design review", "190000", "200000"))
    dovecot.deliver(demo_copy.account.identity, invitation("vendor", OMAR, "Vendor sync", "193000", "201500"))
    briefing = Briefing.of(await build_briefing(demo_copy, rules=[]))
    assistant = EmailAssistant(demo_copy.account, unread=7, briefing=briefing, mailbox=demo_copy, state_dir=tmp_path)
    async with AgentSession(llm=FAST_PATH_ONLY) as running:
        await running.start(assistant)
        yield running, assistant


async def test_an_invitation_is_briefed_with_its_time_place_and_clash_and_accepted_only_on_send(
    invited_call, demo_copy, smtp_server
):
    running, _ = invited_call
    briefed = await said(running, "Read me the email from Dana.")
    assert briefed == (
        f"From Dana Whitfield: an invitation to Design review, on {WEEKDAY} at 2 PM, in Room 4. "
        "It clashes with Vendor sync, from Omar Haddad. Say accept, decline or maybe."
    ), briefed
    heard = await said(running, "Yeah, accept it.")
    assert heard == (
        "Here's your answer to Dana Whitfield, accepted: Yes, I'll be there. It's saved in your drafts. "
        "Say send it to send it."
    ), heard
    assert await folder_subjects(demo_copy, "drafts") == ["Accepted: Design review"]
    assert smtp_server.messages == []
    assert await said(running, "Make it shorter.") == (
        "An answer to an invitation can't be changed. Say accept, decline or maybe to answer it again."
    )
    assert await said(running, "Send it.") == "Sent to Dana Whitfield."
    [sent] = smtp_server.messages
    assert sent.rcpt_tos == [DANA[1]]
    message = email.message_from_bytes(sent.data, policy=email.policy.default)
    assert message["In-Reply-To"] == "<design-mail@northwind.example>"
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REPLY"
    calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    assert calendar["METHOD"] == "REPLY"
    [event] = calendar.walk("VEVENT")
    assert (str(event["UID"]), int(event["SEQUENCE"])) == ("design@northwind.example", 2)
    attendee = event["ATTENDEE"]
    assert (str(attendee), attendee.params["PARTSTAT"]) == (f"mailto:{demo_copy.account.address}", "ACCEPTED")
    assert str(event["ORGANIZER"]) == f"mailto:{DANA[1]}"
    assert event.decoded("DTSTART") == datetime(DAY.year, DAY.month, DAY.day, 14, tzinfo=NEW_YORK)


async def test_declining_and_maybe_in_everyday_words_replace_the_answer_in_drafts(invited_call, demo_copy, smtp_server):
    running, _ = invited_call
    await said(running, "Go to Omar's email.")
    heard = await said(running, "Ah, I can't make it.")
    assert heard.startswith("Here's your answer to Omar Haddad, declined: Sorry, I can't make it."), heard
    heard = await said(running, "Actually, put me down as a maybe.")
    assert heard.startswith("Here's your answer to Omar Haddad, tentative: I might be able to make it"), heard
    assert await folder_subjects(demo_copy, "drafts") == ["Tentative: Vendor sync"]  # the decline replaced
    reply = await said(running, "Tell him I can't make it, sorry.")  # dictation stays a reply
    assert reply.startswith("Here's your reply to Omar Haddad: I can't make it"), reply
    assert smtp_server.messages == []


async def test_a_cancelled_meeting_is_said_so_and_has_nothing_to_answer(demo_copy, dovecot, tmp_path):
    dovecot.deliver(
        demo_copy.account.identity, invitation("off", DANA, "Design review", "190000", "200000", method="CANCEL")
    )
    briefing = Briefing.of(await build_briefing(demo_copy, rules=[]))
    assistant = EmailAssistant(demo_copy.account, unread=6, briefing=briefing, mailbox=demo_copy, state_dir=tmp_path)
    async with AgentSession(llm=FAST_PATH_ONLY) as running:
        await running.start(assistant)
        briefed = await said(running, "Read me the email from Dana.")
        assert briefed.startswith("From Dana Whitfield: Design review, on "), briefed
        assert briefed.endswith(", is cancelled."), briefed
        assert await said(running, "Accept it.") == (
            "Dana Whitfield has cancelled Design review, so there's nothing to answer."
        )
