"""Meeting invitations in mail (iMIP, RFC 6047): what one proposes, and the REPLY that answers it.

The iCalendar is read and written with the `icalendar` library, a repeating meeting's next time
found with dateutil's rrule; nothing here is sent or stored.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from email.message import Message
from typing import Literal

import icalendar
from dateutil.rrule import rrulestr

from .types import Address

logger = logging.getLogger(__name__)

Answer = Literal["ACCEPTED", "DECLINED", "TENTATIVE"]
ANSWERED_AS: dict[Answer, str] = {"ACCEPTED": "Accepted", "DECLINED": "Declined", "TENTATIVE": "Tentative"}
_ADDRESS = re.compile(r"^[^\s@<>,\"']+@[^\s@<>,\"']+\.[^\s@<>,\"']+$")
# What a hostile or broken calendar part can raise in icalendar, dateutil or date arithmetic.
_UNREADABLE = (ValueError, KeyError, TypeError, AttributeError, ArithmeticError)


@dataclass(frozen=True)
class Invitation:
    """One meeting a mail invites to (METHOD:REQUEST) or calls off (METHOD:CANCEL).

    Times are as the calendar wrote them until `in_zone` puts them on the user's clock: a time
    with no zone of its own (floating) and an all-day meeting are the user's local ones."""

    uid: str
    summary: str
    organizer: Address | None
    start: datetime  # of the next time it meets, for a repeating meeting
    end: datetime
    location: str
    sequence: int
    all_day: bool
    cancelled: bool
    attendees: tuple[Address, ...] = ()
    repeats: bool = False
    # for the REPLY: the meeting's own DTSTART, and the one occurrence it is about (RECURRENCE-ID)
    dtstart: date | datetime | None = None
    recurrence_id: date | datetime | None = None

    def overlaps(self, other: Invitation) -> bool:
        return self.uid != other.uid and self.start < other.end and other.start < self.end

    def in_zone(self, zone: tzinfo | None) -> Invitation:
        """The same meeting with its times on the user's clock (None: this machine's)."""
        return replace(self, start=_on_clock(self.start, zone), end=_on_clock(self.end, zone))


def _on_clock(when: datetime, zone: tzinfo | None) -> datetime:
    if when.tzinfo is None:  # floating, or an all-day meeting's midnight: the user's own
        return when.replace(tzinfo=zone) if zone is not None else when.astimezone()
    return when.astimezone(zone)


def _address(value: object) -> Address | None:
    """An ORGANIZER or ATTENDEE as an address; None when it is not one (a second ORGANIZER
    line: the first counts)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    email = re.sub(r"^mailto:", "", str(value).strip(), flags=re.IGNORECASE).lower()
    name = " ".join(str(getattr(value, "params", {}).get("CN", "")).split())
    return Address("" if "@" in name else name, email) if _ADDRESS.match(email) else None


def _when(value: date | datetime) -> tuple[datetime, bool]:
    """An iCalendar time as a datetime (naive when floating or all day), and whether it was a whole day."""
    if isinstance(value, datetime):
        return value, False
    return datetime.combine(value, time()), True


def _next_time(event: icalendar.cal.Component, start: datetime, now: datetime) -> datetime:
    """When a repeating meeting next meets from `now` on (its last time when the series is over)."""
    rule = event["RRULE"]
    rules = rule if isinstance(rule, list) else [rule]
    written = [r.to_ical() for r in rules]
    series = rrulestr(
        "\n".join(w.decode() if isinstance(w, bytes) else w for w in written), dtstart=start, forceset=True
    )
    now = now if start.tzinfo is not None else now.replace(tzinfo=None)
    return series.after(now, inc=True) or series.before(now, inc=True) or start


def invitation_in(message: Message, now: datetime | None = None) -> Invitation | None:
    """The meeting a message's text/calendar part invites to or cancels; None for other mail and
    for a calendar part that cannot be read (the mail is then read as any other)."""
    for part in message.walk():
        if part.get_content_type() != "text/calendar":
            continue
        try:
            payload = part.get_payload(decode=True)
            calendar = icalendar.Calendar.from_ical(payload if isinstance(payload, bytes) else b"")
            method = str(calendar.get("METHOD", part.get_param("method", "")) or "").upper()
            events = calendar.walk("VEVENT")
            if method not in ("REQUEST", "CANCEL") or not events:
                continue
            # the series itself, where a repeating meeting's moved occurrences come with it
            event = next((e for e in events if "RECURRENCE-ID" not in e), events[0])
            dtstart = event.decoded("DTSTART")
            start, all_day = _when(dtstart)
            if "DTEND" in event:
                end = _when(event.decoded("DTEND"))[0]
            elif "DURATION" in event:
                end = start + event.decoded("DURATION")
            else:
                end = start + (timedelta(days=1) if all_day else timedelta(0))
            length = max(end - start, timedelta(0))
            repeats = "RRULE" in event and "RECURRENCE-ID" not in event
            if repeats:
                start = _next_time(event, start, now or datetime.now(UTC))
            attendees = event.get("ATTENDEE", [])
            listed = (_address(v) for v in (attendees if isinstance(attendees, list) else [attendees]))
            return Invitation(
                uid=str(event.get("UID", "")),
                summary=" ".join(str(event.get("SUMMARY", "")).split()),
                organizer=_address(event.get("ORGANIZER")),
                start=start,
                end=start + length,
                location=" ".join(str(event.get("LOCATION", "")).split()),
                sequence=int(event.get("SEQUENCE", 0)),
                all_day=all_day,
                cancelled=method == "CANCEL" or str(event.get("STATUS", "")).upper() == "CANCELLED",
                attendees=tuple(a for a in listed if a is not None),
                repeats=repeats,
                dtstart=dtstart,
                recurrence_id=event.decoded("RECURRENCE-ID") if "RECURRENCE-ID" in event else None,
            )
        except _UNREADABLE as exc:  # a broken or hostile calendar part
            logger.info("an unreadable calendar part: %s", exc)
    return None


def on_the_users_clock(invitation: Invitation, zone: tzinfo | None) -> Invitation | None:
    """`invitation.in_zone(zone)`, or None for times no clock can show (year 1 or 9999)."""
    try:
        return invitation.in_zone(zone)
    except _UNREADABLE as exc:
        logger.info("an invitation's time is out of range: %s", exc)
        return None


def _as_written(value: date | datetime) -> date | datetime:
    """A time for the REPLY: UTC (the REPLY carries no VTIMEZONE), a day or a floating time as it was."""
    return value.astimezone(UTC) if isinstance(value, datetime) and value.tzinfo is not None else value


def reply_calendar(invitation: Invitation, me: Address, partstat: Answer) -> bytes:
    """The iCalendar REPLY (RFC 5546) that gives `me`'s answer to the organizer."""
    assert invitation.organizer is not None, "an invitation with nobody to answer is never answered"
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//MailVox//iMIP reply//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REPLY")
    event = icalendar.Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", datetime.now(UTC))
    if invitation.dtstart is not None:
        event.add("dtstart", _as_written(invitation.dtstart))
    if invitation.recurrence_id is not None:  # one occurrence answered, not the series
        event.add("recurrence-id", _as_written(invitation.recurrence_id))
    event.add("summary", invitation.summary)
    organizer = icalendar.vCalAddress(f"mailto:{invitation.organizer.email}")
    if invitation.organizer.name:
        organizer.params["CN"] = invitation.organizer.name
    event.add("organizer", organizer)
    attendee = icalendar.vCalAddress(f"mailto:{me.email}")
    attendee.params["PARTSTAT"] = partstat
    if me.name:
        attendee.params["CN"] = me.name
    event.add("attendee", attendee)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
