"""Plain async mail library over IMAP and SMTP. No LiveKit imports here.

What the conversation layer may use is exported here; the rest are the library's own parts.
"""

from .accounts import Policy
from .audit import AuditedMessage, AuditRecord, AuditTrail
from .invitations import Answer, Invitation
from .names import (
    EXACT,
    SOUNDS_ALIKE,
    closest_people,
    closest_senders,
    one_named,
    sender_matches,
    sender_words,
    word_closeness,
)
from .triage import A_QUESTION, DEADLINE, Triaged
from .types import Address, MessageSummary

__all__ = [
    "A_QUESTION",
    "DEADLINE",
    "Address",
    "Answer",
    "Invitation",
    "AuditRecord",
    "AuditTrail",
    "AuditedMessage",
    "MessageSummary",
    "Policy",
    "Triaged",
    "closest_people",
    "closest_senders",
    "one_named",
    "sender_matches",
    "sender_words",
    "word_closeness",
    "EXACT",
    "SOUNDS_ALIKE",
]
