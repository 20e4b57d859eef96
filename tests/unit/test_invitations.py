"""Invitations read from mail, said, and answered in everyday words."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import icalendar
import pytest

from mailvox.agent.conversation.invites import answer_in, spoken_when
from mailvox.agent.mail.accounts import MailAccount, ServerEndpoint
from mailvox.agent.mail.drafts import answers_invitation, invitation_answer
from mailvox.agent.mail.invitations import invitation_in, on_the_users_clock, reply_calendar
from mailvox.agent.mail.types import Address, MessageSummary


def with_calendar(*event_lines: str, method: str = "REQUEST") -> EmailMessage:
    message = EmailMessage()
    message.set_content("Please join.")
    calendar = "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", f"METHOD:{method}", "BEGIN:VEVENT", "UID:u1", *event_lines]
        + ["DTSTAMP:20261201T000000Z", "END:VEVENT", "END:VCALENDAR"]
    )
    message.add_alternative(calendar.encode(), maintype="text", subtype="calendar", params={"method": method})
    return message


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("Accept it.", "ACCEPTED"),
        ("Yeah, accept the invite please.", "ACCEPTED"),
        ("Okay, I'll be there.", "ACCEPTED"),
        ("Count me in.", "ACCEPTED"),
        ("Accept Dana's invite.", "ACCEPTED"),
        ("Decline.", "DECLINED"),
        ("Um, decline that one.", "DECLINED"),
        ("I can't make it.", "DECLINED"),
        ("Tentatively accept.", "TENTATIVE"),
        ("Say maybe.", "TENTATIVE"),
        ("Mark it as tentative.", "TENTATIVE"),
        ("Put me down as a maybe.", "TENTATIVE"),
        ("Tell him I can't make it.", None),  # dictation: a reply
        ("Say yes to him.", None),  # a reply to Bob's question
        ("Accept the terms and send it to Bob.", None),
        ("Maybe later.", None),
        ("Hmm, maybe.", None),  # to "shall I read it?"
        ("Turn down.", None),  # the voice
        ("I'll go.", None),
        ("I can come.", None),
        ("I'll be there at noon, tell Sarah.", None),
    ],
)
def test_an_answer_is_the_whole_of_what_was_said(said, answer):
    assert answer_in(said) == answer


def test_all_day_floating_repeating_and_missing_end_times_are_read():
    all_day = invitation_in(with_calendar("DTSTART;VALUE=DATE:20261210", "SUMMARY:Offsite"))
    assert all_day is not None and all_day.all_day and (all_day.end - all_day.start).days == 1
    london = ZoneInfo("Europe/London")
    assert spoken_when(all_day, now=datetime(2026, 12, 4, 9, tzinfo=london)) == "on Thursday, all day"
    timed = invitation_in(with_calendar("DTSTART:20261205T093000Z", "DURATION:PT30M"))
    assert timed is not None and timed.end == timed.start.replace(hour=10, minute=0)
    in_london = timed.in_zone(london)
    assert spoken_when(in_london, now=datetime(2026, 12, 4, 9, tzinfo=london)) == "tomorrow at 9:30 AM"
    assert spoken_when(in_london, now=datetime(2026, 11, 20, 9, tzinfo=london)) == "on Saturday, December 5 at 9:30 AM"


def test_a_broken_or_other_calendar_part_leaves_the_mail_plain():
    assert invitation_in(with_calendar("DTSTART:not a time")) is None
    assert invitation_in(with_calendar("DTSTART:20261205T093000Z", method="PUBLISH")) is None
    assert invitation_in(with_calendar("SUMMARY:no start")) is None
    cancelled = invitation_in(with_calendar("DTSTART:20261205T093000Z", method="CANCEL"))
    assert cancelled is not None and cancelled.cancelled


def test_a_floating_time_and_an_all_day_meeting_are_on_the_users_clock():
    new_york = ZoneInfo("America/New_York")
    floating = invitation_in(with_calendar("DTSTART:20261207T093000"))
    assert floating is not None
    assert floating.in_zone(new_york).start == datetime(2026, 12, 7, 9, 30, tzinfo=new_york)
    all_day = invitation_in(with_calendar("DTSTART;VALUE=DATE:20261205"))
    assert all_day is not None
    assert all_day.in_zone(new_york).start == datetime(2026, 12, 5, tzinfo=new_york)


def test_a_repeating_meeting_is_said_by_its_next_time_and_an_occurrence_is_answered_alone():
    weekly = invitation_in(
        with_calendar("DTSTART:20260105T143000Z", "DTEND:20260105T150000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO"),
        now=datetime(2026, 12, 4, 12, tzinfo=ZoneInfo("UTC")),
    )
    assert weekly is not None and weekly.repeats
    assert weekly.start == datetime(2026, 12, 7, 14, 30, tzinfo=ZoneInfo("UTC"))
    assert weekly.end - weekly.start == timedelta(minutes=30)
    moved = invitation_in(
        with_calendar("DTSTART:20261208T150000Z", "RECURRENCE-ID:20261207T143000Z", "ORGANIZER:mailto:d@x.example")
    )
    assert moved is not None and not moved.repeats
    reply = icalendar.Calendar.from_ical(reply_calendar(moved, Address("Alex", "alex@x.example"), "DECLINED"))
    [event] = reply.walk("VEVENT")
    assert event.decoded("RECURRENCE-ID") == datetime(2026, 12, 7, 14, 30, tzinfo=ZoneInfo("UTC"))


def test_times_no_clock_can_show_drop_the_invitation_not_the_mail():
    year_one = invitation_in(with_calendar("DTSTART:00010101T000000Z", "DTEND:00010101T010000Z"))
    assert year_one is not None and on_the_users_clock(year_one, ZoneInfo("America/New_York")) is None
    assert invitation_in(with_calendar("DTSTART:20261205T093000Z", "DURATION:P99999999W")) is None
    assert invitation_in(with_calendar("DTSTART;VALUE=DATE:99991231")) is None


def test_an_organizer_is_one_checked_address():
    assert invitation_in(with_calendar("DTSTART:20261205T093000Z", "ORGANIZER:MailTo:A@X.com")).organizer == Address(
        "", "a@x.com"
    )
    two = invitation_in(
        with_calendar("DTSTART:20261205T093000Z", "ORGANIZER:mailto:a@x.com", "ORGANIZER:mailto:b@y.com")
    )
    assert two is not None and two.organizer == Address("", "a@x.com")
    assert invitation_in(with_calendar("DTSTART:20261205T093000Z", "ORGANIZER:mailto:not an address")).organizer is None


def test_the_answer_is_a_reply_to_the_organizer_with_the_users_partstat(tmp_path):
    invited = invitation_in(
        with_calendar(
            "DTSTART;TZID=America/New_York:20261207T140000",
            "SUMMARY:Design review",
            "SEQUENCE:3",
            "ORGANIZER;CN=Dana Whitfield:mailto:dana@x.example",
            "ATTENDEE;CN=Alex Morgan:mailto:ALEX@x.example",
        )
    )
    assert invited is not None
    account = MailAccount(
        identity="alex",
        address="alex@x.example",
        display_name="Alex Morgan",
        username="alex",
        imap=ServerEndpoint(host="127.0.0.1", port=1143),
    )
    original = MessageSummary(
        7,
        "INBOX",
        "<invite@x.example>",
        Address("Dana Whitfield", "dana@x.example"),
        [],
        [],
        "Invitation",
        None,
        set(),
        10,
    )
    draft = invitation_answer(account, original, invited, "TENTATIVE", "Hi Dana,\n\nMaybe.\n\nAlex\n")
    assert (draft["To"], draft["Subject"], draft["In-Reply-To"]) == (
        "Dana Whitfield <dana@x.example>",
        "Tentative: Design review",
        "<invite@x.example>",
    )
    assert answers_invitation(draft)
    [part] = [p for p in draft.walk() if p.get_content_type() == "text/calendar"]
    [event] = icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    assert (str(event["UID"]), int(event["SEQUENCE"])) == ("u1", 3)
    assert (str(event["ATTENDEE"]), event["ATTENDEE"].params["PARTSTAT"]) == ("mailto:alex@x.example", "TENTATIVE")
    assert event["ATTENDEE"].params["CN"] == "Alex Morgan"
    assert event.decoded("DTSTART") == datetime(2026, 12, 7, 19, tzinfo=ZoneInfo("UTC"))  # UTC: no VTIMEZONE sent
