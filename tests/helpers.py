"""Small helpers the mail and conversation tests share."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

# Three days on (in New York), so that an invitation's day is said by its weekday whenever the
# tests run.
INVITED_ON = (datetime.now(ZoneInfo("America/New_York")) + timedelta(days=3)).date()


async def folder_subjects(mailbox, kind: str) -> list[str]:
    """Sorted subjects of every message in a special folder (drafts, sent, trash, archive)."""

    def run(client):
        client.select_folder(mailbox.imap.folder(kind), readonly=True)
        data = client.fetch(client.search(["ALL"]), ["BODY.PEEK[HEADER.FIELDS (SUBJECT)]"])
        return sorted(
            v[b"BODY[HEADER.FIELDS (SUBJECT)]"].decode().strip().removeprefix("Subject: ") for v in data.values()
        )

    return await mailbox.imap.call(run)


async def flagged_subjects(mailbox) -> list[str]:
    """Sorted "Subject: ..." header lines of the flagged messages in the inbox."""
    return await inbox_subjects(mailbox, "FLAGGED")


async def inbox_subjects(mailbox, criterion: str) -> list[str]:
    """Sorted "Subject: ..." header lines of the inbox's messages an IMAP search `criterion` finds."""

    def run(client):
        client.select_folder("INBOX", readonly=True)
        fetched = client.fetch(client.search([criterion]), ["BODY.PEEK[HEADER.FIELDS (SUBJECT)]"])
        return sorted(v[b"BODY[HEADER.FIELDS (SUBJECT)]"].decode().strip() for v in fetched.values())

    return await mailbox.imap.call(run)


async def deliver_and_rebrief(assistant, mailbox, dovecot, raw: bytes) -> None:
    """New mail arrives, and the assistant's briefing is built again to include it."""
    from mailvox.agent.conversation.briefing import Briefing
    from mailvox.agent.mail.briefing import build_briefing

    dovecot.deliver(mailbox.account.identity, raw)
    assistant.briefing = Briefing.of(await build_briefing(mailbox, rules=[]))


async def until_greeted(running) -> None:
    """Wait (up to 30 s) for the agent's greeting, as a caller would before speaking."""
    import asyncio

    async with asyncio.timeout(30):
        while not any(item.type == "message" and item.role == "assistant" for item in running.history.items):
            await asyncio.sleep(0.05)


async def said(running, text: str) -> str:
    """The assistant's answer to one typed turn in a running AgentSession."""
    result = await running.run(user_input=text)
    return result.expect.next_event().is_message(role="assistant").event().item.text_content


def invitation(
    key: str, organizer: tuple[str, str], summary: str, start_london: str, end_london: str, method="REQUEST"
):
    """An Outlook-style invitation: a text part and a text/calendar part, times in London."""
    day = INVITED_ON.strftime("%Y%m%d")
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
