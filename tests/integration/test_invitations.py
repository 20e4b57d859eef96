"""Meeting invitations by voice: briefed as one (who, what, when on the user's clock, where, and a
clash with another invitation), answered with "accept", "decline" or "maybe" as an iCalendar
REPLY (iMIP) that is saved in Drafts, read back, and sent only on "send it". Typed through a real
AgentSession over the demo mailbox in Dovecot, sent through a real SMTP server; the LLM writes
nothing (FAST_PATH_ONLY)."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from livekit.agents import AgentSession

from mailvox.agent.assistant import EmailAssistant
from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.mail.briefing import build_briefing

from ..helpers import INVITED_ON, folder_subjects, invitation
from .test_conversation import FAST_PATH_ONLY, said

LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")
# Three days on, so that it is said by its weekday whatever day the test runs; 19:00 in London
# on the user's New York clock (2 PM, or 3 PM in the weeks the two change clocks apart).
DAY = INVITED_ON
WEEKDAY = DAY.strftime("%A")
AT = datetime(DAY.year, DAY.month, DAY.day, 19, tzinfo=LONDON).astimezone(NEW_YORK)
CLOCK = AT.strftime("%I %p").lstrip("0")


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
        f"From Dana Whitfield: an invitation to Design review, on {WEEKDAY} at {CLOCK}, in Room 4. "
        "It clashes with Vendor sync, from Omar Haddad. Say accept, decline or maybe."
    ), briefed
    heard = await said(running, "Yeah, accept it.")
    assert heard == (
        f"Here's your answer to Dana Whitfield: I'll be at Design review on {WEEKDAY} at {CLOCK}. "
        "It's saved in your drafts. Shall I send it?"
    ), heard
    assert await folder_subjects(demo_copy, "drafts") == ["Accepted: Design review"]
    assert smtp_server.messages == []
    assert await said(running, "Make it shorter.") == (
        "An answer to an invitation can't be changed. Say accept, decline or maybe to answer it again."
    )
    # a change was asked for: "send it" hears the answer again before it goes
    assert (await said(running, "Send it.")).startswith("We've moved on since I read it back, so here it is again.")
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
    assert event.decoded("DTSTART") == AT


async def test_declining_and_maybe_in_everyday_words_replace_the_answer_in_drafts(invited_call, demo_copy, smtp_server):
    running, _ = invited_call
    await said(running, "Go to Omar's email.")
    heard = await said(running, "Ah, I can't make it.")
    assert heard.startswith("Here's your answer to Omar Haddad: Sorry, I can't make Vendor sync on "), heard
    heard = await said(running, "Actually, put me down as a maybe.")
    assert heard.startswith("Here's your answer to Omar Haddad: I might make Vendor sync on "), heard
    assert await folder_subjects(demo_copy, "drafts") == ["Tentative: Vendor sync"]  # the decline replaced
    reply = await said(running, "Tell him I can't make it, sorry.")  # dictation stays a reply
    assert reply.startswith("Here's your reply to Omar Haddad: I can't make it"), reply
    # the reply is a draft of its own: the answer stays in Drafts, neither one sent
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Invitation: Vendor sync", "Tentative: Vendor sync"]
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
