"""Deterministic priority for a briefing, with reasons the assistant can say out loud
("from one of your VIPs, asks a question, due Friday"). The LLM may refine the order; this
gives one that is explained and repeatable."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .accounts import MailAccount
from .types import MessageSummary

URGENT = re.compile(r"\b(urgent|asap|immediately|right away|critical|emergency)\b", re.IGNORECASE)
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


@dataclass
class Context:
    """What triage knows about the user besides the message itself."""

    my_addresses: set[str]
    vips: set[str] = field(default_factory=set)  # addresses, domains (@x.example) or names
    correspondents: set[str] = field(default_factory=set)  # addresses the user writes to
    my_message_ids: set[str] = field(default_factory=set)  # Message-IDs the user sent
    important_uids: set[int] = field(default_factory=set)  # flagged by a rule

    @classmethod
    def for_account(cls, account: MailAccount, **known: Any) -> Context:
        """The context of `account`: its own address and VIPs, plus what else is `known`."""
        return cls({account.address.lower()}, {v.lower() for v in account.vip_senders}, **known)


@dataclass
class Triaged:
    """A message with its priority score and the reasons, in words, behind it."""

    message: MessageSummary
    score: int
    reasons: list[str]
    text: str = ""  # the speakable body it was judged on

    @property
    def why(self) -> str:
        """The reasons as one phrase for the briefing ("due Friday, asks you a question")."""
        return ", ".join(self.reasons)


def _is_vip(message: MessageSummary, vips: set[str]) -> bool:
    sender = message.sender
    domain = "@" + sender.email.rsplit("@", 1)[-1]
    return sender.email in vips or domain in vips or (sender.name.lower() in vips and bool(sender.name))


def _is_bulk(message: MessageSummary) -> bool:
    return message.list_unsubscribe or message.precedence in BULK_PRECEDENCE or message.auto_submitted not in ("", "no")


def triage(message: MessageSummary, context: Context, text: str = "") -> Triaged:
    score, reasons = 0, []
    to_me = any(a.email in context.my_addresses for a in message.to)
    cc_me = any(a.email in context.my_addresses for a in message.cc)
    words = f"{message.subject}\n{text[:2000]}"

    if _is_vip(message, context.vips):
        score += 40
        reasons.append("from one of your VIPs")
    elif message.sender.email in context.correspondents:
        score += 15
        reasons.append("from someone you write to often")
    if context.my_message_ids & {message.in_reply_to, *message.references}:
        score += 20
        reasons.append("in a thread you replied to")
    if message.uid in context.important_uids or message.flagged:
        score += 15
        reasons.append("flagged")
    if to_me:
        score += 10
    elif cc_me:
        score -= 5
        reasons.append("you're only copied")
    if URGENT.search(words):
        score += 15
        reasons.append("marked urgent")
    if deadline := DEADLINE.search(words):
        score += 15
        reasons.append(f"due {deadline.group(1)}")
    if QUESTION.search(words):
        score += 10
        reasons.append("asks you a question")
    if _is_bulk(message):
        score -= 30
        reasons.append("a newsletter or automated mail")
    return Triaged(message, score, reasons, text)


def prioritize(messages: list[tuple[MessageSummary, str]], context: Context) -> list[Triaged]:
    """Most important first; ties go to the newer message."""
    triaged = [triage(m, context, text) for m, text in messages]
    return sorted(
        triaged,
        key=lambda t: (t.score, t.message.date.timestamp() if t.message.date else 0),
        reverse=True,
    )
