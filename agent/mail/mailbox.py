"""One user's mailbox: read, search and act on mail over IMAP, without LiveKit.

Reading never marks anything read (BODY.PEEK). Work is proportional to what is asked for:
unread mail is found with SEARCH on the server and fetched in batches; a huge message is read
in parts, never loaded whole.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import imapclient

from .accounts import MailAccount
from .errors import MailError
from .imap import ImapConnection
from .names import name_variants, sender_matches
from .parsing import (
    addresses,
    header_text,
    message_ids,
    parse_body,
    parse_date,
    parse_headers,
)
from .types import Address, Attachment, MessageBody, MessageSummary

logger = logging.getLogger("mailvox.mail")

HEADER_FIELDS = (
    "FROM TO CC SUBJECT DATE MESSAGE-ID IN-REPLY-TO REFERENCES LIST-UNSUBSCRIBE PRECEDENCE AUTO-SUBMITTED SENSITIVITY"
)
HEADERS_ITEM = f"BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})]"
FETCH_BATCH = 100
WHOLE_MESSAGE_LIMIT = 1024 * 1024  # larger messages are read part by part
TEXT_PART_LIMIT = 256 * 1024  # at most this much of a huge message's text is read
FUZZY_SCAN_LIMIT = 300  # messages whose senders a fuzzy name search looks at
RAW_LIMIT = 25 * 1024 * 1024  # the largest message forwarded whole (a common mail server limit)
CORRESPONDENTS_SCAN = 200  # newest messages per folder whose people a forward may go to


class MessageNotFound(MailError):
    """The message is no longer where it was fetched (moved or deleted meanwhile)."""

    spoken = "I can't find that message any more."


class MessageTooLarge(MailError):
    """A message too large to send on whole."""

    spoken = "That email is too big to forward from here."


class AmbiguousTarget(MailError):
    """The message can no longer be told apart from others (its UID is stale and it has no
    unique Message-ID), so nothing was changed."""

    spoken = "I couldn't be sure which message you meant, so I left your mail as it was."


class MoveNotSafe(MailError):
    """The server has neither MOVE nor UIDPLUS: moving would need a plain EXPUNGE, which also
    removes every message another client marked deleted. Nothing was changed."""

    spoken = "Your mail server can't move just that one message safely, so I left it where it was."


@dataclass
class LastAction:
    """Enough to undo the last change: which messages, and what was done."""

    kind: str  # "move" or "flags"
    messages: list[MessageSummary]  # where the messages are now
    source: str  # where they were before a move
    target: str = ""
    added: list[bytes] = field(default_factory=list)
    removed: list[bytes] = field(default_factory=list)
    description: str = ""


def _response_item(data: dict[bytes, Any], prefix: bytes) -> bytes:
    for key, value in data.items():
        if isinstance(key, bytes) and key.startswith(prefix):
            return value or b""
    return b""


def _summary(uid: int, folder: str, data: dict[bytes, Any], uidvalidity: int = 0, mailbox: str = "") -> MessageSummary:
    headers = parse_headers(_response_item(data, b"BODY[HEADER"))
    senders = addresses(headers, "From")
    return MessageSummary(
        uid=uid,
        folder=folder,
        message_id=(message_ids(headers, "Message-ID") or [""])[0],
        sender=senders[0] if senders else Address("", ""),
        to=addresses(headers, "To"),
        cc=addresses(headers, "Cc"),
        subject=header_text(headers, "Subject"),
        date=parse_date(headers),
        flags={f.decode() if isinstance(f, bytes) else str(f) for f in data.get(b"FLAGS", ())},
        size=int(data.get(b"RFC822.SIZE", 0)),
        in_reply_to=(message_ids(headers, "In-Reply-To") or [""])[0],
        references=message_ids(headers, "References"),
        list_unsubscribe=bool(header_text(headers, "List-Unsubscribe")),
        precedence=header_text(headers, "Precedence").lower(),
        auto_submitted=header_text(headers, "Auto-Submitted").lower(),
        sensitivity=header_text(headers, "Sensitivity").lower(),
        uidvalidity=uidvalidity,
        mailbox=mailbox,
    )


def _text_part(structure: Any, prefix: str = "") -> tuple[str, bool] | None:
    """(part number, is_html) of the best text part in a BODYSTRUCTURE, if any."""
    if structure.is_multipart:
        found_html = None
        for index, child in enumerate(structure[0], start=1):
            number = f"{prefix}{index}"
            found = _text_part(child, f"{number}.") if child.is_multipart else None
            if not child.is_multipart and child[0].lower() == b"text" and not _is_attachment(child):
                subtype = child[1].lower()
                if subtype == b"plain":
                    return number, False
                if subtype == b"html" and found_html is None:
                    found_html = (number, True)
            elif found is not None:
                if not found[1]:
                    return found
                found_html = found_html or found
        return found_html
    if structure[0].lower() == b"text":
        return (prefix.rstrip(".") or "1", structure[1].lower() == b"html")
    return None


def _is_attachment(part: Any) -> bool:
    params = dict(zip(part[2][::2], part[2][1::2], strict=False)) if part[2] else {}
    disposition = _disposition(part)
    return b"NAME" in {k.upper() for k in params} or (
        disposition is not None and disposition[0].lower() == b"attachment"
    )


def _disposition(part: Any) -> Any:
    # text parts carry a line count before the extension data
    index = 9 if part[0].lower() == b"text" else 8
    try:
        value = part[index]
    except IndexError:
        return None
    return value if isinstance(value, tuple) and value and isinstance(value[0], bytes) else None


def _structure_attachments(structure: Any) -> list[Attachment]:
    if structure.is_multipart:
        return [a for child in structure[0] for a in _structure_attachments(child)]
    params = dict(zip(structure[2][::2], structure[2][1::2], strict=False)) if structure[2] else {}
    disposition = _disposition(structure)
    dparams = (
        dict(zip(disposition[1][::2], disposition[1][1::2], strict=False)) if disposition and disposition[1] else {}
    )
    name = next((v for k, v in {**params, **dparams}.items() if k.upper() in (b"NAME", b"FILENAME")), None)
    if name is None and not (disposition and disposition[0].lower() == b"attachment"):
        return []
    label = name.decode(errors="replace") if isinstance(name, bytes) else "unnamed attachment"
    kind = f"{structure[0].decode().lower()}/{structure[1].decode().lower()}"
    return [Attachment(label, kind, int(structure[6] or 0))]


def fetch_summaries(
    client: imapclient.IMAPClient, folder: str, uids: list[int], mailbox: str = ""
) -> list[MessageSummary]:
    """Envelope facts for `uids`, in batches, without touching their \\Seen flags; each
    summary carries the folder's UIDVALIDITY, so later actions reach exactly that message, and
    the name of the `mailbox` it is in ("" the person's own)."""
    uidvalidity = int(client.select_folder(folder, readonly=True).get(b"UIDVALIDITY", 0))
    result: list[MessageSummary] = []
    for start in range(0, len(uids), FETCH_BATCH):
        batch = uids[start : start + FETCH_BATCH]
        fetched = client.fetch(batch, ["FLAGS", "RFC822.SIZE", HEADERS_ITEM])
        result.extend(_summary(uid, folder, fetched[uid], uidvalidity, mailbox) for uid in batch if uid in fetched)
    return result


def newest_first(found: list[list[MessageSummary]]) -> list[MessageSummary]:
    """What several mailboxes found, in one list, the newest sent first (undated last). An email
    in two of them (to the team, copied to the person) is kept once, from the first to find it."""
    seen: set[str] = set()
    kept: list[MessageSummary] = []
    for message in (m for each in found for m in each):
        if message.message_id and message.message_id in seen:
            continue
        seen.add(message.message_id)
        kept.append(message)
    return sorted(kept, key=lambda m: m.date.timestamp() if m.date else float("-inf"), reverse=True)


class Mailbox:
    """One user's mailbox over one IMAP connection: reading never marks mail read, acting is by
    UID, and the last action can be undone.

    The other mailboxes the user reads (their account's `mailboxes`, a shared team mailbox) come
    along, each over its own connection: reading and searching cover them all, and every action
    on a message goes to the mailbox its summary names."""

    def __init__(self, account: MailAccount, connection: ImapConnection | None = None) -> None:
        self.account = account
        self.imap = connection or ImapConnection(account)
        self.last_action: LastAction | None = None
        self.others = {other.name: Mailbox(other) for other in account.mailboxes}
        self.unreachable: list[str] = []  # other mailboxes left out of this session: their server was down

    async def leave_out_unreachable(self) -> None:
        """Leave the other mailboxes whose server can't be reached now out of this session (named
        in `unreachable`), so the person's own mail is still briefed."""

        async def reachable(box: Mailbox) -> bool:
            try:
                await box.imap.unread_count()
            except MailError as exc:
                logger.warning("the %s mailbox can't be reached; left out of this session: %s", box.name, exc)
                return False
            return True

        boxes = list(self.others.values())
        for box, ok in zip(boxes, await asyncio.gather(*map(reachable, boxes)), strict=True):
            if not ok:
                del self.others[box.name]
                self.unreachable.append(box.name)
                await box.close()

    @property
    def name(self) -> str:
        """How the summaries of this mailbox name it: "" for the person's own."""
        return self.account.name

    def holding(self, summary: MessageSummary) -> Mailbox:
        """The mailbox `summary` is in: this one, or one of the person's others."""
        return self.named(summary.mailbox)

    def named(self, name: str) -> Mailbox:
        """This mailbox for "" (or its own name), else the person's other mailbox of that name."""
        if name == self.name:
            return self
        if name not in self.others:
            raise MessageNotFound(f"no mailbox named {name!r} in this account")
        return self.others[name]

    def sending_as(self, address: str) -> Mailbox:
        """The mailbox whose address a draft is from; this one when none of the others is."""
        wanted = address.strip().lower()
        return next((box for box in self.others.values() if box.account.address.lower() == wanted), self)

    def _one_holding(self, summaries: list[MessageSummary]) -> Mailbox:
        """The one mailbox all of `summaries` are in (an action never spans two)."""
        boxes = {id(box): box for box in map(self.holding, summaries)}
        if len(boxes) > 1:
            raise AmbiguousTarget("the messages are in different mailboxes")
        return next(iter(boxes.values()))

    async def close(self) -> None:
        """Log out of every mailbox; never raises."""
        await asyncio.gather(self.imap.close(), *(other.close() for other in self.others.values()))

    async def unread_count(self, folder: str = "INBOX") -> int:
        """Unread messages in `folder` of every mailbox."""
        counts = await asyncio.gather(
            self.imap.unread_count(folder), *(o.unread_count(folder) for o in self.others.values())
        )
        return sum(counts)

    # --- reading -----------------------------------------------------------------------

    async def unread(self, folder: str = "INBOX", limit: int = 50) -> list[MessageSummary]:
        """The newest `limit` unread messages of every mailbox, newest first."""

        def fetch(client: imapclient.IMAPClient) -> list[MessageSummary]:
            client.select_folder(folder, readonly=True)
            uids = sorted(client.search(["UNSEEN"]), reverse=True)[:limit]
            return fetch_summaries(client, folder, uids, self.name)

        own = self.imap.call(fetch)
        if not self.others:
            return await own
        found = await asyncio.gather(own, *(other.unread(folder, limit) for other in self.others.values()))
        return newest_first(found)[:limit]

    async def summaries(self, uids: list[int], folder: str = "INBOX", mailbox: str = "") -> list[MessageSummary]:
        """Envelope facts for `uids` of `folder` in the named mailbox, in batches, without
        touching their \\Seen flags."""
        if (box := self.named(mailbox)) is not self:
            return await box.summaries(uids, folder, mailbox)
        return await self.imap.call(lambda client: fetch_summaries(client, folder, uids, self.name))

    async def body(self, summary: MessageSummary) -> MessageBody:
        """The speakable body, read with BODY.PEEK (hearing it is what marks it read)."""
        [body] = await self.bodies([summary])
        return body

    async def bodies(self, summaries: list[MessageSummary]) -> list[MessageBody]:
        """Bodies of several messages of one folder: the small ones in one FETCH, a huge one
        part by part."""
        if not summaries:
            return []
        if any(summary.mailbox != self.name for summary in summaries):
            return await self._bodies_across(summaries)
        folder = summaries[0].folder

        def fetch(client: imapclient.IMAPClient) -> list[MessageBody]:
            client.select_folder(folder, readonly=True)
            small = [s.uid for s in summaries if s.size <= WHOLE_MESSAGE_LIMIT]
            whole = client.fetch(small, ["BODY.PEEK[]"]) if small else {}
            result: list[MessageBody] = []
            for summary in summaries:
                if summary.size > WHOLE_MESSAGE_LIMIT:
                    result.append(self._body_in_parts(client, summary))
                elif summary.uid in whole:
                    result.append(parse_body(_response_item(whole[summary.uid], b"BODY[]")))
                else:
                    raise MessageNotFound(f"UID {summary.uid} is gone from {folder}")
            return result

        return await self.imap.call(fetch)

    async def _bodies_across(self, summaries: list[MessageSummary]) -> list[MessageBody]:
        """Bodies of messages in several mailboxes, each mailbox asked once, in the order given."""
        names = list(dict.fromkeys(summary.mailbox for summary in summaries))
        groups = [[s for s in summaries if s.mailbox == name] for name in names]
        fetched = await asyncio.gather(
            *(self.named(name).bodies(group) for name, group in zip(names, groups, strict=True))
        )
        body_of = {
            id(s): body
            for group, bodies in zip(groups, fetched, strict=True)
            for s, body in zip(group, bodies, strict=True)
        }
        return [body_of[id(summary)] for summary in summaries]

    def _body_in_parts(self, client: imapclient.IMAPClient, summary: MessageSummary) -> MessageBody:
        data = client.fetch([summary.uid], ["BODYSTRUCTURE"]).get(summary.uid)
        if data is None:
            raise MessageNotFound(f"UID {summary.uid} is gone from {summary.folder}")
        structure = data[b"BODYSTRUCTURE"]
        attachments = _structure_attachments(structure)
        found = _text_part(structure)
        if found is None:
            return MessageBody("", attachments, problem="it has no text I can read")
        number, _ = found
        if structure.is_multipart:
            header_item, text_item = f"BODY.PEEK[{number}.MIME]", f"BODY.PEEK[{number}]<0.{TEXT_PART_LIMIT}>"
        else:
            header_item, text_item = "BODY.PEEK[HEADER]", f"BODY.PEEK[TEXT]<0.{TEXT_PART_LIMIT}>"
        parts = client.fetch([summary.uid], [header_item, text_item])[summary.uid]
        # keys as the server answers: BODY[1.2.MIME] and BODY[1.2]<0> (or BODY[HEADER], BODY[TEXT]<0>)
        mime_key, text_key = (f"{number}.MIME", number) if structure.is_multipart else ("HEADER", "TEXT")
        mime = _response_item(parts, f"BODY[{mime_key}]".encode())
        text = _response_item(parts, f"BODY[{text_key}]".encode())
        if not mime.endswith(b"\r\n\r\n"):
            mime += b"\r\n"
        body = parse_body(mime + text)
        body.attachments = attachments
        body.truncated = body.truncated or len(text) >= TEXT_PART_LIMIT
        return body

    # --- search ------------------------------------------------------------------------

    async def search(
        self,
        sender: str | None = None,
        subject: str | None = None,
        words: Sequence[str] = (),
        since: date | None = None,
        before: date | None = None,
        unread_only: bool = False,
        folder: str = "INBOX",
        limit: int = 20,
        flagged_only: bool = False,
    ) -> list[MessageSummary]:
        """Messages matching all given criteria, newest first, found by IMAP SEARCH on the
        server: `words` each in the subject or the text, `since` by the date it was sent. A
        sender name that SEARCH does not find ("Bob" for Robert Smith) gets a fuzzy match over
        the senders of the newest messages. The person's other mailboxes are searched too."""
        asked = (sender, subject, words, since, before, unread_only, folder, limit, flagged_only)
        if not self.others:
            return await self._search_here(*asked)
        boxes = [self, *self.others.values()]
        found = await asyncio.gather(*(box._search_here(*asked, fuzzy=False) for box in boxes))
        if sender and not any(found):  # "Bob" for Robert Smith only where no mailbox has a Bob by name
            found = await asyncio.gather(*(box._search_here(*asked) for box in boxes))
        return newest_first(found)[:limit]

    async def _search_here(
        self,
        sender: str | None,
        subject: str | None,
        words: Sequence[str],
        since: date | None,
        before: date | None,
        unread_only: bool,
        folder: str,
        limit: int,
        flagged_only: bool = False,
        fuzzy: bool = True,
    ) -> list[MessageSummary]:
        """`search` in this mailbox alone; `fuzzy`: a sender's name not found matched loosely."""

        def run(client: imapclient.IMAPClient) -> list[MessageSummary]:
            client.select_folder(folder, readonly=True)
            base: list[Any] = (["UNSEEN"] if unread_only else []) + (["FLAGGED"] if flagged_only else [])
            if subject:
                base += ["SUBJECT", subject]
            for word in words:
                word = re.sub(r'[{}"\\]', "", word)  # never an IMAP literal or a broken quoted string
                # "stand-up" as the recognizer writes it finds "Standup" too
                forms = list(dict.fromkeys([word, word.replace("-", "")])) if word else []
                base += ["OR"] * (len(forms) - 1)  # either form: prefix ORs, as IMAP writes them
                for form in forms:
                    base += ["OR", "SUBJECT", form, "BODY", form]
            if since:
                base += ["SENTSINCE", since]
            if before:
                base += ["SENTBEFORE", before]
            uids: set[int] = set()
            if sender:
                for variant in name_variants(sender):
                    uids |= set(client.search(base + ["FROM", variant], charset="UTF-8"))
            else:
                uids = set(client.search(base or ["ALL"], charset="UTF-8"))
            found = fetch_summaries(client, folder, sorted(uids, reverse=True)[:limit], self.name)
            if sender and fuzzy and not found:
                recent = sorted(client.search(base or ["ALL"], charset="UTF-8"), reverse=True)
                scanned = fetch_summaries(client, folder, recent[:FUZZY_SCAN_LIMIT], self.name)
                found = [s for s in scanned if sender_matches(sender, s.sender.name, s.sender.email)]
            return found[:limit]

        return await self.imap.call(run)

    async def last_sent_to(self, spoken: str) -> MessageSummary | None:
        """The newest mail in the Sent folder to someone of that spoken name (To or Cc), or None."""

        def run(client: imapclient.IMAPClient) -> MessageSummary | None:
            folder = self.imap.folder("sent")
            client.select_folder(folder, readonly=True)
            uids: set[int] = set()
            for variant in name_variants(spoken):
                uids |= set(client.search(["OR", "TO", variant, "CC", variant], charset="UTF-8"))
            found = fetch_summaries(client, folder, sorted(uids)[-FETCH_BATCH:], self.name)
            dated = [m for m in found if m.date is not None]
            return max(dated, key=lambda m: m.date.timestamp() if m.date else 0.0) if dated else None

        return await self.imap.call(run)

    async def replies_to(self, summary: MessageSummary) -> list[MessageSummary]:
        """The user's replies to this message in the Sent folder (their In-Reply-To names it: a
        forward or a reply to a later message may name it in References only), oldest first; none
        for a message without a Message-ID."""
        if not summary.message_id:
            return []
        if (box := self.holding(summary)) is not self:  # replies from a shared mailbox are in its Sent
            return await box.replies_to(summary)

        def run(client: imapclient.IMAPClient) -> list[MessageSummary]:
            folder = self.imap.folder("sent")
            client.select_folder(folder, readonly=True)
            return fetch_summaries(
                client, folder, sorted(client.search(["HEADER", "In-Reply-To", summary.message_id])), self.name
            )

        return await self.imap.call(run)

    async def thread(self, summary: MessageSummary, folder: str = "INBOX") -> list[MessageSummary]:
        """The messages of the same thread (References/In-Reply-To), oldest first."""
        root = summary.thread_root
        if not root:  # no Message-ID: an empty SEARCH value would match every message
            return [summary]
        if (box := self.holding(summary)) is not self:
            return await box.thread(summary, folder)

        def run(client: imapclient.IMAPClient) -> list[MessageSummary]:
            client.select_folder(folder, readonly=True)
            uids = set(client.search(["HEADER", "Message-ID", root]))
            uids |= set(client.search(["HEADER", "References", root]))
            uids |= set(client.search(["HEADER", "In-Reply-To", root]))
            return fetch_summaries(client, folder, sorted(uids), self.name)

        return await self.imap.call(run)

    async def raw(self, summary: MessageSummary) -> bytes:
        """The whole message as the server keeps it (to forward it with its attachments),
        found by its exact UID. MessageNotFound when it is gone; MessageTooLarge over
        RAW_LIMIT (mail servers refuse such a message anyway)."""
        if summary.size > RAW_LIMIT:
            raise MessageTooLarge(f"{summary.size} bytes")
        if (box := self.holding(summary)) is not self:
            return await box.raw(summary)

        def run(client: imapclient.IMAPClient) -> bytes:
            [uid] = _exact_uids(client, [summary])
            fetched = client.fetch([uid], ["BODY.PEEK[]"]).get(uid, {})
            if b"BODY[]" not in fetched:
                raise MessageNotFound(f"UID {uid} went from {summary.folder} while it was read")
            whole: bytes = fetched[b"BODY[]"]
            return whole

        return await self.imap.call(run)

    async def correspondents(
        self, own_address: str, internal_domains: Collection[str], per_folder: int = CORRESPONDENTS_SCAN
    ) -> list[Address]:
        """The people mail may be forwarded to by name: those the user has written to (their
        newest sent mail; most often written to first), then colleagues (an address in one of
        `internal_domains`) in the inbox's newest mail. An outside address that only wrote in,
        or was only copied, is not one: a stranger's mail can't make itself a recipient. A
        name is taken from the user's own mail first, then from the person's own From line."""
        internal = {domain.lower().lstrip("@") for domain in internal_domains}

        def newest(client: imapclient.IMAPClient, folder: str) -> list[MessageSummary]:
            client.select_folder(folder, readonly=True)
            return fetch_summaries(client, folder, sorted(client.search(["ALL"]), reverse=True)[:per_folder])

        def run(client: imapclient.IMAPClient) -> list[Address]:
            sent = newest(client, self.imap.folder("sent"))
            inbox = newest(client, "INBOX")
            written = [a for m in sent for a in [*m.to, *m.cc]]
            times = Counter(a.email.lower() for a in written)
            # a name from the user's own headers, the person's own From line, or a colleague's copy
            # line: a stranger may write "Bob" beside all-staff@ on theirs
            from_colleagues = [m for m in inbox if m.sender.email.lower().rsplit("@", 1)[-1] in internal]
            names: dict[str, str] = {}
            for person in [*written, *(m.sender for m in inbox), *(a for m in from_colleagues for a in [*m.to, *m.cc])]:
                if person.name:
                    names.setdefault(person.email.lower(), person.name)
            seen = [*(m.sender for m in inbox), *(a for m in inbox for a in [*m.to, *m.cc])]
            colleagues = [a.email.lower() for a in seen if a.email.lower().rsplit("@", 1)[-1] in internal]
            order = sorted(dict.fromkeys([*(a.email.lower() for a in written), *colleagues]), key=lambda e: -times[e])
            return [Address(names.get(email, ""), email) for email in order if email and email != own_address.lower()]

        return await self.imap.call(run)

    # --- acting ------------------------------------------------------------------------
    # Every change names its messages by UID, checked against the UIDVALIDITY captured when
    # they were fetched; a SEARCH never decides what is changed (an empty Message-ID would
    # match every message).

    async def move(self, summaries: list[MessageSummary], kind: str, description: str) -> None:
        """Move exactly these messages (one folder) to a special folder (archive, trash, junk)
        or a named one, and remember it for undo. The summaries then describe the messages in
        their new place. Retried on a dropped connection (a retry after a MOVE that went
        through finds the message gone: MessageNotFound). Raises AmbiguousTarget when a message
        can't be told apart from others, MoveNotSafe on a server with neither MOVE nor UIDPLUS,
        MessageNotFound when one is gone; in each case nothing was changed."""
        if (box := self._one_holding(summaries)) is not self:
            await box.move(summaries, kind, description)
            self.last_action, box.last_action = box.last_action, None  # undone from here
            return
        source = summaries[0].folder

        def run(client: imapclient.IMAPClient) -> str:
            target = self.imap.folder(kind) if kind in ("archive", "trash", "junk") else kind
            _move(client, summaries, target)
            return target

        target = await self.imap.call(run)
        self.last_action = LastAction("move", list(summaries), source, target, description=description)

    async def folder_names(self, mailbox: str = "") -> list[str]:
        """The folders mail of the named mailbox can be filed in (not the inbox, nor a folder
        that holds only others), as the server names them, sorted. Retried on a dropped
        connection."""
        if (box := self.named(mailbox)) is not self:
            return await box.folder_names(mailbox)

        def run(client: imapclient.IMAPClient) -> list[str]:
            listed = client.list_folders()
            return sorted(name for flags, _, name in listed if b"\\Noselect" not in flags and name.upper() != "INBOX")

        return await self.imap.call(run)

    async def archive(self, summaries: list[MessageSummary]) -> None:
        """Move to the Archive folder; see `move`."""
        await self.move(summaries, "archive", "archived")

    async def trash(self, summaries: list[MessageSummary]) -> None:
        """Move to the Trash folder (never expunged: undo brings it back); see `move`."""
        await self.move(summaries, "trash", "moved to Trash")

    async def set_flags(
        self,
        summaries: list[MessageSummary],
        add: Sequence[bytes] = (),
        remove: Sequence[bytes] = (),
        description: str = "",
    ) -> None:
        """Add and remove flags on exactly these messages (one folder), remembered for undo.
        Safe to retry, and retried on a dropped connection. Raises AmbiguousTarget or
        MessageNotFound (nothing changed) as `move` does."""
        if (box := self._one_holding(summaries)) is not self:
            await box.set_flags(summaries, add, remove, description)
            self.last_action, box.last_action = box.last_action, None  # undone from here
            return
        folder = summaries[0].folder

        def run(client: imapclient.IMAPClient) -> None:
            uids = _exact_uids(client, summaries)
            if add:
                client.add_flags(uids, list(add))
            if remove:
                client.remove_flags(uids, list(remove))

        await self.imap.call(run)
        self.last_action = LastAction(
            "flags", list(summaries), folder, added=list(add), removed=list(remove), description=description
        )

    async def mark_read(self, summaries: list[MessageSummary]) -> None:
        """Add \\Seen to exactly these messages (by UID); undoable."""
        await self.set_flags(summaries, add=[b"\\Seen"], description="marked read")

    async def mark_unread(self, summaries: list[MessageSummary]) -> None:
        """Remove \\Seen from exactly these messages (by UID); undoable."""
        await self.set_flags(summaries, remove=[b"\\Seen"], description="marked unread")

    async def flag(self, summaries: list[MessageSummary]) -> None:
        """Add \\Flagged to exactly these messages (by UID); undoable."""
        await self.set_flags(summaries, add=[b"\\Flagged"], description="flagged")

    async def unflag(self, summaries: list[MessageSummary]) -> None:
        """Remove \\Flagged from exactly these messages (by UID); undoable."""
        await self.set_flags(summaries, remove=[b"\\Flagged"], description="unflagged")

    async def undo(self) -> str:
        """Undo the last action on exactly the messages it changed, by their UIDs where it put
        them; returns what was undone ('' when there was nothing). Raises as `move` and
        `set_flags` do, and then the action stays undoable."""
        action = self.last_action
        if action is None:
            return ""
        if (box := self._one_holding(action.messages)) is not self:
            box.last_action = action
            try:
                return await box.undo()
            finally:  # undone, or still undoable from here after a failure
                self.last_action, box.last_action = box.last_action, None

        def run(client: imapclient.IMAPClient) -> None:
            if action.kind == "move":
                _move(client, action.messages, action.source)
            else:
                uids = _exact_uids(client, action.messages)
                if action.added:
                    client.remove_flags(uids, action.added)
                if action.removed:
                    client.add_flags(uids, action.removed)

        await self.imap.call(run)
        self.last_action = None
        return action.description


def _exact_uids(client: imapclient.IMAPClient, summaries: list[MessageSummary]) -> list[int]:
    """The UIDs of exactly these messages, with their folder selected read-write.

    A UID counts only under the UIDVALIDITY it was read with. Otherwise the message is found
    again by its Message-ID when that is non-empty and names exactly one message (the summary
    is updated); else AmbiguousTarget. A message that is gone raises MessageNotFound."""
    folders = {s.folder for s in summaries}
    if len(folders) != 1:
        raise AmbiguousTarget(f"one action on messages of several folders: {sorted(folders)}")
    [folder] = folders
    uidvalidity = int(client.select_folder(folder)[b"UIDVALIDITY"])
    for summary in summaries:
        if not (summary.uid and summary.uidvalidity == uidvalidity):
            summary.uid, summary.uidvalidity = _found_again(client, summary), uidvalidity
    uids: list[int] = [s.uid for s in summaries]
    if len(set(uids)) != len(uids):
        raise AmbiguousTarget(f"{folder}: two summaries name the same message ({uids})")
    missing = set(uids) - set(client.fetch(uids, ["UID"]))
    if missing:
        raise MessageNotFound(f"UIDs {sorted(missing)} are gone from {folder}")
    return uids


def _found_again(client: imapclient.IMAPClient, summary: MessageSummary) -> int:
    if not summary.message_id:
        raise AmbiguousTarget(f"{summary.folder}: UID {summary.uid} is stale and the message has no Message-ID")
    # SEARCH HEADER matches substrings: keep only an exact Message-ID
    candidates = client.search(["HEADER", "Message-ID", summary.message_id])
    fetched = client.fetch(candidates, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]) if candidates else {}
    exact: list[int] = [
        uid
        for uid, data in fetched.items()
        if message_ids(parse_headers(_response_item(data, b"BODY[HEADER")), "Message-ID") == [summary.message_id]
    ]
    if not exact:
        raise MessageNotFound(f"{summary.message_id} is gone from {summary.folder}")
    if len(exact) > 1:
        raise AmbiguousTarget(f"{summary.message_id} names {len(exact)} messages in {summary.folder}")
    return exact[0]


def _fingerprints(client: imapclient.IMAPClient, uids: list[int]) -> dict[int, tuple[int, object, bytes]]:
    """What a message keeps when moved (size, arrival time, header): how its copy is known."""
    data = client.fetch(uids, ["RFC822.SIZE", "INTERNALDATE", "BODY.PEEK[HEADER]"])
    return {
        uid: (int(v[b"RFC822.SIZE"]), v[b"INTERNALDATE"], _response_item(v, b"BODY[HEADER]")) for uid, v in data.items()
    }


def _move(client: imapclient.IMAPClient, summaries: list[MessageSummary], target: str) -> None:
    """MOVE exactly these messages; without MOVE, COPY then UID EXPUNGE of just them (UIDPLUS),
    never a plain EXPUNGE. Afterwards each summary names its message in `target`: found among
    the UIDs the target gave out, by fingerprint (imapclient does not hand back COPYUID); one
    that can't be found gets UID 0 and is found again by Message-ID, or refused, next time."""
    has_move = client.has_capability("MOVE")
    if not has_move and not client.has_capability("UIDPLUS"):
        raise MoveNotSafe(f"{summaries[0].folder}: the server has neither MOVE nor UIDPLUS")
    uids = _exact_uids(client, summaries)
    fingerprints = _fingerprints(client, uids)
    status = client.folder_status(target, [b"UIDNEXT", b"UIDVALIDITY"])
    if has_move:
        client.move(uids, target)
    else:
        client.copy(uids, target)
        client.add_flags(uids, [imapclient.DELETED])
        client.uid_expunge(uids)
    first_new = int(status[b"UIDNEXT"])
    client.select_folder(target, readonly=True)
    new: list[int] = [uid for uid in client.search(["UID", f"{first_new}:*"]) if uid >= first_new]
    copies = _fingerprints(client, sorted(new)) if new else {}
    unmatched = dict(fingerprints)
    placed: dict[int, int] = {}
    for new_uid, print_ in sorted(copies.items()):  # COPY and MOVE keep the messages' order
        old_uid = next((u for u, p in sorted(unmatched.items()) if p == print_), None)
        if old_uid is not None:
            placed[old_uid] = new_uid
            del unmatched[old_uid]
    for summary, uid in zip(summaries, uids, strict=True):
        summary.folder, summary.uidvalidity, summary.uid = target, int(status[b"UIDVALIDITY"]), placed.get(uid, 0)
