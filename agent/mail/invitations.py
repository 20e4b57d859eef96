"""Meeting invitations in mail (iMIP, RFC 6047): what one proposes, and the REPLY that answers it.

The iCalendar is read and written with the `icalendar` library; nothing here is sent or stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from email.message import Message
from typing import Literal

import icalendar

from .types import Address

logger = logging.getLogger(__name__)

Answer = Literal["ACCEPTED", "DECLINED", "TENTATIVE"]
ANSWERED_AS: dict[Answer, str] = {"ACCEPTED": "Accepted", "DECLINED": "Declined", "TENTATIVE": "Tentative"}


@dataclass(frozen=True)
class Invitation:
    """One meeting a mail invites to (METHOD:REQUEST) or calls off (METHOD:CANCEL)."""

    uid: str
    summary: str
    organizer: Address | None
    start: datetime  # aware; an all-day one starts at midnight
    end: datetime
    location: str
    sequence: int
    all_day: bool
    cancelled: bool
    attendees: tuple[Address, ...] = ()

    def overlaps(self, other: Invitation) -> bool:
        return self.uid != other.uid and self.start < other.end and other.start < self.end

    def in_zone(self, zone: tzinfo | None) -> Invitation:
        """The same meeting with its times on the user's clock (None: this machine's)."""
        if self.all_day:
            return self
        return replace(self, start=self.start.astimezone(zone), end=self.end.astimezone(zone))


def _address(value: object) -> Address | None:
    if value is None:
        return None
    email = str(value).removeprefix("mailto:").removeprefix("MAILTO:").strip().lower()
    name = str(getattr(value, "params", {}).get("CN", "")).strip()
    return Address(name, email) if "@" in email else None


def _aware(value: date | datetime, zone: tzinfo | None) -> tuple[datetime, bool]:
    """An iCalendar time as an aware datetime, and whether it was a whole day."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=zone) if zone else value.astimezone()), False
    midnight = datetime.combine(value, time())
    return (midnight.replace(tzinfo=zone) if zone else midnight.astimezone()), True


def invitation_in(message: Message) -> Invitation | None:
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
            event = events[0]
            start, all_day = _aware(event.decoded("DTSTART"), None)
            if "DTEND" in event:
                end, _ = _aware(event.decoded("DTEND"), None)
            elif "DURATION" in event:
                end = start + event.decoded("DURATION")
            else:
                end = start + (timedelta(days=1) if all_day else timedelta(0))
            attendees = event.get("ATTENDEE", [])
            listed = (_address(v) for v in (attendees if isinstance(attendees, list) else [attendees]))
            return Invitation(
                uid=str(event.get("UID", "")),
                summary=" ".join(str(event.get("SUMMARY", "")).split()),
                organizer=_address(event.get("ORGANIZER")),
                start=start,
                end=max(end, start),
                location=" ".join(str(event.get("LOCATION", "")).split()),
                sequence=int(event.get("SEQUENCE", 0)),
                all_day=all_day,
                cancelled=method == "CANCEL" or str(event.get("STATUS", "")).upper() == "CANCELLED",
                attendees=tuple(a for a in listed if a is not None),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # a broken calendar part
            logger.info("an unreadable calendar part: %s", exc)
    return None


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
    event.add("dtstamp", datetime.now().astimezone())
    event.add("dtstart", invitation.start.date() if invitation.all_day else invitation.start)
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
