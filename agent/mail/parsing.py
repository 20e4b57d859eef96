"""Turn raw mail into something that can be read aloud, with `email.policy.default`.

Whatever the input (malformed MIME, unknown charsets, HTML only, empty), the result is
speakable text or a short explanation; parsing never raises.
"""

from __future__ import annotations

import email
import re
from datetime import datetime
from email import policy
from email.headerregistry import AddressHeader
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime

import html2text

from .invitations import invitation_in
from .types import Address, Attachment, MessageBody

# Where quoted history starts: "On Tue, Sarah wrote:", Outlook's "From: ... Sent: ...", and
# the classic separators.
QUOTE_STARTS = [
    re.compile(r"^\s*On .{5,200}wrote:\s*$", re.IGNORECASE),
    re.compile(r"^\s*Le .{5,200}a écrit\s*:\s*$", re.IGNORECASE),
    re.compile(r"^\s*Am .{5,200}schrieb .{0,100}:\s*$", re.IGNORECASE),
    re.compile(r"^\s*-{2,}\s*Original Message\s*-{2,}\s*$", re.IGNORECASE),
    re.compile(r"^\s*_{10,}\s*$"),
    re.compile(r"^\s*From:\s.+$"),  # an Outlook header block inside the body
]
SIGNATURE_STARTS = [
    re.compile(r"^-- ?$"),  # RFC 3676 signature separator
    re.compile(r"^\s*Sent from my (iPhone|iPad|Android|phone|mobile).*$", re.IGNORECASE),
    re.compile(r"^\s*Get Outlook for .*$", re.IGNORECASE),
]
URL = re.compile(r"https?://\S+")


def _converter() -> html2text.HTML2Text:
    converter = html2text.HTML2Text()
    converter.ignore_links = True
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.ignore_tables = True
    converter.body_width = 0
    converter.unicode_snob = True
    return converter


def html_to_text(html: str) -> str:
    """The readable text of an HTML body, without markdown markers a voice would read out."""
    text = _converter().handle(html)
    # html2text keeps markdown markers for headings and list items; a voice has no use for them.
    text = re.sub(r"^\s*#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*[*+-]\s+", "", text, flags=re.MULTILINE)
    return text


def trim_for_reading(text: str) -> str:
    """Drop quoted history, signatures and bare links; keep what the sender wrote now."""
    kept: list[str] = []
    for line in text.splitlines():
        if any(p.match(line) for p in SIGNATURE_STARTS) or any(p.match(line) for p in QUOTE_STARTS):
            if kept:  # a message that *starts* with a quote header keeps going
                break
            continue
        if line.lstrip().startswith(">"):
            continue
        kept.append(URL.sub("a link", line).rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _decode_part(part: Message) -> str:
    """A text part's content; an unknown or wrong charset falls back instead of failing."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            return payload.decode("cp1252", errors="replace")


def _best_text(message: EmailMessage) -> tuple[str, str]:
    """(text, problem) from the best body part: plain text, else HTML flattened."""
    try:
        body = message.get_body(preferencelist=("plain", "html"))
    except Exception:  # malformed structure: fall back to walking the parts
        body = None
    if body is None:
        for part in message.walk():
            if part.get_content_maintype() == "text" and not part.get_filename():
                body = part
                break
    if body is None:
        return "", "it has no text I can read"
    text = _decode_part(body)
    if body.get_content_subtype() == "html":
        text = html_to_text(text)
    return text, ""


def attachments_of(message: EmailMessage) -> list[Attachment]:
    """The named or attached parts of `message`, with their type and decoded size."""
    found = []
    for part in message.walk():
        if part.is_multipart():
            continue
        name = part.get_filename()
        disposition = part.get_content_disposition()
        if name or disposition == "attachment":
            payload = part.get_payload(decode=True) or b""
            found.append(Attachment(name or "unnamed attachment", part.get_content_type(), len(payload)))
    return found


# What is said of encrypted mail: its ciphertext is never read aloud nor shown to a model.
ENCRYPTED = "It's encrypted, so I can't read it here."
PGP_ARMOR = "-----BEGIN PGP MESSAGE-----"


def is_encrypted(message: EmailMessage) -> bool:
    """PGP/MIME (multipart/encrypted) or S/MIME enveloped data, not a signature."""
    kind = message.get_content_type()
    if kind == "multipart/encrypted":
        return True
    return kind in ("application/pkcs7-mime", "application/x-pkcs7-mime") and (
        str(message.get_param("smime-type", "enveloped-data")).lower() in ("enveloped-data", "authenveloped-data")
    )


def parse_body(raw: bytes, max_chars: int = 20000) -> MessageBody:
    """The speakable body of a raw message (or of a message reduced to its text part); of an
    encrypted one, only that it is encrypted."""
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
        text, problem = _best_text(message)
        attachments = attachments_of(message)
        if is_encrypted(message) or PGP_ARMOR in text:
            return MessageBody(ENCRYPTED, attachments, problem="it is encrypted")
        invitation = invitation_in(message)
    except Exception as exc:  # the stdlib parser is lenient; this is the last resort
        return MessageBody("", [], problem=f"it could not be parsed ({type(exc).__name__})")
    text = trim_for_reading(text)
    truncated = len(text) > max_chars
    if not text and not problem:
        problem = "it has no text"
    if invitation is not None and problem == "it has no text":
        problem = ""  # an invitation says what it is without a text part
    return MessageBody(text[:max_chars], attachments, truncated=truncated, problem=problem, invitation=invitation)


def header_text(message: Message, name: str) -> str:
    """A header's decoded value, one line, or '' when it is absent or undecodable."""
    try:
        value = message.get(name)
    except Exception:
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def addresses(message: Message, name: str) -> list[Address]:
    """The addresses in header `name`, lower-cased; a malformed header gives what can be read, never raises."""
    try:
        value = message.get(name)
        if isinstance(value, AddressHeader):
            return [Address(a.display_name, a.addr_spec.lower()) for a in value.addresses]
    except Exception:
        pass
    try:  # the raw values: a header object that failed once fails again
        raw = [str(v) for v in message.get_all(name, failobj=[])] if hasattr(message, "get_all") else []
    except Exception:
        raw = [v for k, v in message.raw_items() if k.lower() == name.lower()] if hasattr(message, "raw_items") else []
    return [Address(n, e.lower()) for n, e in getaddresses([str(v) for v in raw]) if e]


def message_ids(message: Message, name: str) -> list[str]:
    """The `<...>` Message-IDs in header `name` (Message-ID, In-Reply-To, References); [] when none."""
    return re.findall(r"<[^<>\s]+>", header_text(message, name))


def parse_date(message: Message) -> datetime | None:
    """The Date header as a datetime; None when it is absent or unreadable."""
    try:
        value = message.get("Date")
        return parsedate_to_datetime(str(value)) if value else None
    except Exception:
        return None


def parse_headers(raw: bytes) -> EmailMessage:
    """The headers (or a whole message) as an EmailMessage with the modern policy; lenient, never raises on bad input."""
    return email.message_from_bytes(raw, policy=policy.default)
