"""Invitations read from mail, said, and answered in everyday words."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest

from mailvox.agent.conversation.invites import answer_in, spoken_when
from mailvox.agent.mail.invitations import invitation_in


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
        ("Decline.", "DECLINED"),
        ("Um, decline that one.", "DECLINED"),
        ("I can't make it.", "DECLINED"),
        ("Turn down the meeting.", "DECLINED"),
        ("Tentatively accept.", "TENTATIVE"),
        ("Say maybe.", "TENTATIVE"),
        ("Mark it as tentative.", "TENTATIVE"),
        ("Put me down as a maybe.", "TENTATIVE"),
        ("Tell him I can't make it.", None),  # dictation: a reply
        ("Accept the terms and send it to Bob.", None),
        ("Maybe later.", None),
        ("I'll be there at noon, tell Sarah.", None),
    ],
)
def test_an_answer_is_the_whole_of_what_was_said(said, answer):
    assert answer_in(said) == answer


def test_all_day_floating_and_missing_end_times_are_read():
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
