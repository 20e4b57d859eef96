"""Which sender a rule is for: a full address found in the caller's own mail, never a word.

A rule matches its sender as a substring of the From header, so "mute it" or "mute the" would
mute half the mailbox. A rule's sender is therefore always an address resolved from the mail:
the current email's sender, or the one sender in the briefing (else the mailbox) whose name or
address matches what was said. Pronouns and stop-words name nobody.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from mailvox.agent.mail import MessageSummary, sender_matches

from .slots import NOT_NAME, PRONOUNS

SearchBySender = Callable[[str], Awaitable[list[MessageSummary]]]
# How a sender is pointed at around their name: "the IT desk", "those VendorX guys", "Bob's emails".
POINTING = re.compile(r"^(?:(?:the|those|these|that|this|all)\s+)+")
GROUP = re.compile(
    r"(?:'s)?(?:(?:^|\s+)(?:guys|people|folks|lot|ones?|emails?|mails?|messages?|newsletters?|updates))+$"
)


@dataclass(frozen=True)
class Resolved:
    """The address found, or why there is none (a sentence to say)."""

    address: str = ""
    problem: str = ""


def _addresses(spoken: str, messages: Iterable[MessageSummary]) -> list[str]:
    """The senders' addresses that fit: an address only itself (a fuzzy match would take the
    whole domain), a name by the fuzzy name match."""
    if "@" in spoken:
        return sorted({m.sender.email.lower() for m in messages if m.sender.email.lower() == spoken})
    return sorted(
        {
            m.sender.email.lower()
            for m in messages
            if m.sender.email and sender_matches(spoken, m.sender.name, m.sender.email)
        }
    )


# A sender pointed at, not named: "these guys", "that lot", "them lot"
THE_SENDER = re.compile(r"(?:these|those|this|that|them) (?:guys|people|folks|lot|company|senders?)")


async def rule_sender(
    spoken: str, current: MessageSummary | None, briefed: list[MessageSummary], search: SearchBySender
) -> Resolved:
    """The address a rule about `spoken` is for ('' means the current email's sender).
    Raises what `search` raises (a MailError)."""
    spoken = " ".join(spoken.lower().split())
    if THE_SENDER.fullmatch(spoken):
        spoken = ""  # "mute these guys": whoever sent the open email
    spoken = GROUP.sub("", POINTING.sub("", spoken)) or spoken  # "the IT desk"; "this one" stays as said
    if not spoken:
        if current is None or not current.sender.email:
            return Resolved(problem="Whose mail? Say the sender's name.")
        return Resolved(current.sender.email.lower())
    if spoken in PRONOUNS or spoken in NOT_NAME or len(spoken.replace(" ", "")) < 3:  # "ex" is in every .example
        return Resolved(problem="Whose mail? Say the sender's name.")
    found = _addresses(spoken, briefed) or _addresses(spoken, await search(spoken))
    if not found:
        return Resolved(problem=f"I can't find mail from {spoken}, so I made no rule.")
    if len(found) > 1:
        listed = ", ".join(found[:3])
        return Resolved(problem=f"More than one sender matches {spoken}: {listed}. Say the address you mean.")
    return Resolved(found[0])


# Words that name a desk, a team or a machine, never a person: "IT Service Desk", "VendorX
# Updates", "noreply@...". Nobody says "tell her" of one of those.
ROLE_WORDS = frozenset(
    {"desk", "team", "support", "service", "services", "updates", "news", "newsletter", "notifications", "alerts"}
    | {"billing", "admin", "helpdesk", "servicedesk", "office", "department", "noreply", "no-reply", "donotreply"}
    | {"info", "bot", "system", "accounts", "payroll", "security", "sales", "marketing", "careers", "digest", "hr"}
)


def is_a_role(name: str, address: str) -> bool:
    """Whether a sender is a desk, a team or a machine rather than a person."""
    local = address.lower().partition("@")[0]
    words = set(re.findall(r"[a-z-]+", name.lower())) | set(re.split(r"[._+]", local))
    return bool(words & ROLE_WORDS)
