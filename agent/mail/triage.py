"""Deterministic priority for a briefing, with reasons the assistant can say out loud
("from one of your VIPs, asks a question, due Friday"). The LLM may refine the order; this
gives one that is explained and repeatable."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from .accounts import MailAccount, Policy
from .invitations import Invitation
from .types import MessageSummary

URGENT = re.compile(r"\b(urgent|asap|immediately|right away|critical|emergency)\b", re.IGNORECASE)
A_QUESTION = "a question for you"  # a reason said in the briefing: "It's a question for you."
DEADLINE = re.compile(
    r"\b(?:by|due|before|deadline(?: is)?)\s+"
    r"(today|tonight|tomorrow|(?:end of (?:the )?(?:day|week))|eod|eow|noon|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?|"
    r"\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)",
    re.IGNORECASE,
)
QUESTION = re.compile(r"\?|\b(can you|could you|would you|are we|is it|do you|will you)\b", re.IGNORECASE)
BULK_PRECEDENCE = {"bulk", "list", "junk"}


# Letters from other scripts that look Latin, as their lower case (upper-case look-alikes such as
# Cyrillic Н, Т or Greek Α, Ρ lower into these), so "Sarаh Chen" with a Cyrillic а reads as Sarah.
LOOKALIKES = str.maketrans(
    "аеорсухіѕјԁһӏԛԝвнкмтαβεηικμνορτυχζγ",
    "aeopcyxisjdhlqwbhkmtabehikmvoptuxzy",
)
# What senders put around a name ("(CEO)", "[EXT]", "via Docs") and titles in front of it.
DECORATIONS = re.compile(r"\([^)]*\)?|\[[^]]*\]?|\{[^}]*\}?|\s+via\s.*$")
TITLES = re.compile(r"^(?:(?:dr|mr|mrs|ms|mx|miss|prof)\b\.?\s*)+")


def fold(text: str) -> str:
    """`text` lower-cased with accents, invisible characters and look-alike letters folded."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) not in ("Mn", "Cf"))
    return text.lower().translate(LOOKALIKES)


def name_key(name: str) -> str:
    """A display name as compared for spoofing: case, accents, look-alike letters, quotes, dots,
    titles, "(CEO)"-style asides, "via ..." and "Last, First" order ignored."""
    name = fold(name.strip().strip("'\""))
    if "@" in name:
        return name
    name = DECORATIONS.sub(" ", name)
    if name.count(",") == 1:
        last, first = name.split(",")
        name = f"{first} {last}"
    return TITLES.sub("", " ".join(re.sub(r"\W+", " ", name).split()))


def name_from_address(address: str) -> str:
    """The name an address spells out ("sarah.chen@x" -> "sarah chen"); "" when it spells one word."""
    local = address.split("@", 1)[0]
    words = re.split(r"[._]+", local)
    return " ".join(words).lower() if len(words) > 1 and all(w.isalpha() for w in words) else ""


@dataclass
class Context:
    """What triage knows about the user besides the message itself."""

    my_addresses: set[str]
    # Addresses or domains (@x.example), never names: a display name is the sender's to choose.
    vips: set[str] = field(default_factory=set)
    correspondents: set[str] = field(default_factory=set)  # addresses the user writes to
    my_message_ids: set[str] = field(default_factory=set)  # Message-IDs the user sent
    important: set[tuple[str, int]] = field(default_factory=set)  # (mailbox, UID) flagged by a rule
    # Names the user knows (name_key) -> the addresses that really are that person: the user's
    # own, the VIPs' and the correspondents' (from Sent, and from their own mail in the inbox).
    known_names: dict[str, set[str]] = field(default_factory=dict)
    policy: Policy = field(default_factory=Policy)  # the admin's, for confidential mail

    def __post_init__(self) -> None:
        self.vips = {v.lower() for v in self.vips if "@" in v}  # a bare name would let anyone in
        for address in {*self.vips, *self.my_addresses}:
            if name := name_from_address(address):
                self.know(name, address)

    def know(self, name: str, address: str) -> None:
        """Remember that `name` belongs to `address` (a name may have several addresses)."""
        if key := name_key(name):
            self.known_names.setdefault(key, set()).add(address.lower())

    def is_known_address(self, address: str) -> bool:
        """Whether `address` is the user's own, a VIP's or someone the user writes to."""
        address = address.lower()
        return address in self.vips or address in self.correspondents or address in self.my_addresses

    @property
    def my_domains(self) -> set[str]:
        """The domains of the user's own addresses: anything else is outside."""
        return {a.rsplit("@", 1)[-1] for a in self.my_addresses}

    @classmethod
    def for_account(cls, account: MailAccount, **known: Any) -> Context:
        """The context of `account`: its own address, name and VIPs, plus what else is `known`."""
        # mail to a shared mailbox the user reads is to them too
        addresses = {account.address.lower(), *(other.address.lower() for other in account.mailboxes)}
        context = cls(addresses, set(account.vip_senders), policy=account.policy, **known)
        if account.display_name:
            context.know(account.display_name, account.address)
        return context


@dataclass
class Triaged:
    """A message with its priority score and the reasons, in words, behind it."""

    message: MessageSummary
    score: int
    reasons: list[str]
    text: str = ""  # the speakable body it was judged on
    # The known name this sender's display name copies while the address is not theirs ("").
    impersonates: str = ""
    my_domains: frozenset[str] = frozenset()  # the user's own, to tell what is outside
    # "ask" or "refuse": the admin's policy holds this confidential mail's words back; "": none
    confidential: Literal["", "ask", "refuse"] = ""
    invitation: Invitation | None = None  # the meeting it invites to, on the user's clock

    @property
    def bulk(self) -> bool:
        """A newsletter or automated mail, by its headers."""
        return is_bulk(self.message)

    @property
    def automated(self) -> bool:
        """Sent by a system rather than a person: bulk by its headers, or from an address or
        name only a system has ("noreply@", "IT Service Desk"), as a caller tells them apart."""
        sender = self.message.sender
        return self.bulk or bool(SYSTEM_SENDER.search(f"{sender.name} {sender.email.split('@')[0]}".lower()))

    @property
    def sender_domain(self) -> str:
        return self.message.sender.email.rsplit("@", 1)[-1].lower()

    @property
    def outside(self) -> bool:
        """The sender's domain is not the user's own (False when the user's is unknown)."""
        return bool(self.my_domains) and self.sender_domain not in self.my_domains

    @property
    def why(self) -> str:
        """The reasons as one phrase for the briefing ("due Friday, a question for you"): each reads after "It's"."""
        return ", ".join(self.reasons)


def _is_vip(message: MessageSummary, vips: set[str]) -> bool:
    address = message.sender.email.lower()
    return address in vips or "@" + address.rsplit("@", 1)[-1] in vips


def impersonated_name(message: MessageSummary, context: Context) -> str:
    """The known name (or known address) the display name copies when the sender's address is
    not one of that person's; "" for an honest sender or an unknown name."""
    sender = message.sender
    key = name_key(sender.name)
    address = sender.email.lower()
    if not key:
        return ""
    if "@" in key:  # "sarah.chen@northwind.example" <x@evil.example>
        named = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", key)
        if named and named.group(0) != address and context.is_known_address(named.group(0)):
            return named.group(0)
        return ""
    # The known names in the display name: all of it, or a full name inside a longer one
    # ("Sarah Chen - Finance"); one word alone ("Finance") is too common to count, and a name
    # joined on by a hyphen is another name ("Sarah Chen-Wu").
    joined = " ".join(re.sub(r"[^\w-]+", " ", DECORATIONS.sub(" ", fold(sender.name))).split())
    copied = [
        real
        for known, real in context.known_names.items()
        if known == key or (" " in known and f" {known} " in f" {joined} ")
    ]
    return sender.name.strip() if copied and not any(address in real for real in copied) else ""


# Names and mailbox names of senders that are systems, not people.
SYSTEM_SENDER = re.compile(
    r"\b(?:no-?reply|do-?not-?reply|donotreply|notifications?|alerts|mailer-daemon|postmaster|automated|"
    r"service ?desk|help ?desk|it support|updates|newsletters?|news|digest)\b"
)


def is_bulk(message: MessageSummary) -> bool:
    return message.list_unsubscribe or message.precedence in BULK_PRECEDENCE or message.auto_submitted not in ("", "no")


def triage(message: MessageSummary, context: Context, text: str = "") -> Triaged:
    """Score `message` for the briefing and say why in words: to the user, from a VIP, a question, a deadline, a reply to the user; bulk mail scores low. Reads nothing from the server."""
    score, reasons = 0, []
    to_me = any(a.email in context.my_addresses for a in message.to)
    cc_me = any(a.email in context.my_addresses for a in message.cc)
    confidential: Literal["", "ask", "refuse"] = ""
    if context.policy.confidential_mail(message) and context.policy.confidential != "read":
        confidential = context.policy.confidential
    # no reason said may repeat a confidential mail's words ("due Friday")
    words = "" if confidential else f"{message.subject}\n{text[:2000]}"

    impersonates = impersonated_name(message, context)
    if impersonates:
        pass  # a copied name earns nothing, even if the domain is a VIP's
    elif _is_vip(message, context.vips):
        score += 40
        reasons.append("from one of your VIPs")
    elif message.sender.email in context.correspondents:
        score += 15
        reasons.append("from someone you write to often")
    if context.my_message_ids & {message.in_reply_to, *message.references}:
        score += 20
        reasons.append("in a thread you replied to")
    if (message.mailbox, message.uid) in context.important or message.flagged:
        score += 15
        reasons.append("flagged")
    if to_me:
        score += 10
    elif cc_me:
        score -= 5
        reasons.append("only copied to you")
    if URGENT.search(words):
        score += 15
        reasons.append("marked urgent")
    if deadline := DEADLINE.search(words):
        score += 15
        reasons.append(f"due {deadline.group(1)}")
    if QUESTION.search(words):
        score += 10
        reasons.append(A_QUESTION)
    if is_bulk(message):
        score -= 30
        reasons.append("a newsletter or automated mail")
    if confidential:
        reasons.append("marked confidential")
    return Triaged(message, score, reasons, text, impersonates, frozenset(context.my_domains), confidential)


def prioritize(messages: list[tuple[MessageSummary, str]], context: Context) -> list[Triaged]:
    """Most important first; ties go to the newer message. The names on mail from known
    addresses are learned first, so a stranger using one of them is recognised."""
    for message, _ in messages:
        if message.sender.name and context.is_known_address(message.sender.email):
            context.know(message.sender.name, message.sender.email)
    triaged = [triage(m, context, text) for m, text in messages]
    return sorted(
        triaged,
        key=lambda t: (t.score, t.message.date.timestamp() if t.message.date else 0),
        reverse=True,
    )
