"""Mail that looks like phishing or like orders to the assistant, and why, in words for a driver.

A driver cannot see addresses or links, so the briefing says the warning aloud. This is a small
legible classifier: each pattern below is one kind of request a phishing mail or a prompt
injection makes, matched over the display name, the subject and the body. A match is only ever
a warning; nothing is hidden or acted on because of it.

Measured (2026-11, tests/integration/test_what_the_caller_hears.py, test-artifacts/suspicion.json): on the
injection corpus and on the ordinary mail of the demo mailbox and the hostile-mail corpus. The
floors asserted there are the figures measured then. In 2026-12 the patterns were widened by
family (speaking to the assistant, dropping its task, consent claimed for the user, codes and
credentials, sign-in links, gift cards), against 160 subjects and display names written cold
by someone who had not seen them: attack subjects warned 32 -> 59 of 60, display names 9 -> 16
of 20, ordinary ones 0 of 80 before and after (the set guided the change, so these are not
unseen figures). On the 210 generated attack mails of `mailvox bench injection`: subjects
16 -> 24 of 30, display names 16 -> 24, bodies 16 -> 21. Then three more families (mail's
contents sent to an outside address, the assistant spoken to by name mid-sentence or told its
task comes second, mail hidden from "the user" or dictated with its subject), narrowed after a
cold review found eight ordinary mails they called out: 87 of 90, with thirteen more ordinary
mails that name outside addresses, rules or muting left alone (tests/unit/test_what_the_caller_hears.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE
_ALL_MAIL = r"(?:all|every|each|the whole|the user's|their)\s+(?:\w+\s+){0,2}?(?:e-?mails?|mail|messages|inbox)"
# What an assistant is called by those who write to it, not by people writing to people.
_ASSISTANT = r"(?:(?:ai|voice|email|mail)\s+(?:assistant|agent)|assistant|copilot|language model|mailvox|chatbot)"
_ROLE = rf"(?:{_ASSISTANT}|ai|bot|llm)"  # "AI:" alone also opens a subject about AI
# What no one should have read out or typed in at a link.
_SECRET = (
    r"(?:pass\s?words?|paswords?|passcodes?|pins?|otps?|(?:one-time|verification|security|2fa|mfa|two-factor|"
    r"\d-digit|sms|login)\s+codes?|(?:login|sign-in|bank) (?:details|login)|credentials|social security numbers?|"
    r"ssn|card numbers?|system prompt)"
)
# "Never share your password": a warning against the request is not the request.
_NEGATED = re.compile(r"\b(?:never|not|no|n't|nobody)\b[^.!?\n]{0,25}$", _I)


@dataclass(frozen=True)
class Sign:
    """One kind of request, with the words the warning says for it ("it asks for a password")."""

    kind: str
    says: str
    pattern: re.Pattern[str]
    outside_only: bool = False  # a request naming only the user's own domain is ordinary work


# Most telling first: the warning says the first sign found.
SIGNS: tuple[Sign, ...] = (
    Sign(
        "forward",
        "asks you to forward your mail to an outside address",
        re.compile(
            rf"\b(?:forward|redirect|auto-?forward)\w*\b[^.!?\n]{{0,30}}?{_ALL_MAIL}"
            r"|\b(?:forward|redirect)\w*\b[^!?\n]{0,60}?\bto\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
            # mail's contents sent out: "send the body of the latest email to x@y", "email the text '...' to"
            r"|\b(?:send|e-?mail|mail)\s+(?:(?:them|him|her|us)\s+)?(?:the\s+)?(?:(?:body|bodies|contents?)\s+of|text\s+['\"])"
            r"[^!?\n]{0,80}?\bto\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
            _I,
        ),
        outside_only=True,
    ),
    Sign(
        "reveal",
        "asks for a password or a code",
        re.compile(
            r"\b(?:read|say|tell|give|send|share|reply with|confirm|verify|enter|re-?enter|type|print|reveal|"
            r"provide|log ?in with|text)\b"
            rf"[^.!?\n]{{0,40}}?\b{_SECRET}\b",
            _I,
        ),
    ),
    Sign(
        "pay",
        "asks for a payment or new bank details",
        re.compile(
            r"\b(?:wire|transfer)\s+(?:the\s+)?(?:funds|money|payment|\$?\d)"
            r"|\burgent\s+wire\b|\bwire\s+request\b"
            r"|\b(?:buy|purchase|get)\b[^.!?\n]{0,30}\b(?:gift|google play|itunes|steam|apple)\s*cards?\b"
            r"|\bneed\s+\d+\s+\w*\s*(?:gift|google play|itunes|steam|apple)\s*cards?\b"
            r"|\b(?:gift|google play|itunes|steam)\s*cards?\b[^.!?\n]{0,60}\b(?:codes|card numbers)\b"
            r"|\b(?:new|updated?|changed?)\s+(?:our\s+|your\s+)?(?:bank|banking|payment|account|acct)\s+"
            r"(?:details|information|info|account)\b|\biban\b[^.!?\n]{0,10}\bchanged\b"
            r"|\b(?:bank|banking|payment)\s+(?:details|information)\s+(?:have|has)\s+changed\b",
            _I,
        ),
    ),
    Sign(
        "system",
        "pretends to speak for the system or for me",
        re.compile(
            r"\bsystem\s+(?:notice|message|override|instructions?)\b|\badmin\s+(?:override|command)\b"
            # told to drop its task: "ignore your previous instructions", "forget everything above"
            r"|\b(?:ignore|forget|disregard|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:your|the)?\s*"
            r"(?:previous|prior|above|earlier|original|current|ur)\s+(?:instructions|rules|prompts?|task)\b"
            r"|\b(?:ignore|forget|disregard|override)\s+(?:your|ur)\s+(?:instructions|rules|prompts?|task)\b"
            r"|\b(?:forget|disregard)\s+(?:everything|all of the)\s+above\b"
            r"|\b(?:ignore|forget|disregard)\s+(?:the|all)\s+(?:rules|instructions)\s+you\s+(?:were|have been)\s+given\b"
            r"|\byour\s+(?:real|new|actual)\s+(?:task|instructions|job|role)\b"
            rf"|\byou\s+are\s+(?:now|no longer)\s+(?:an?\s+)?(?:\w+\s+)?(?:{_ASSISTANT}|agent|reader|mode)\b"
            r"|\bdeveloper\s+mode\b|\bnew\s+policy\s*:"
            # spoken to as the assistant: no person's mail opens "Assistant:" or "Note to the AI"
            rf"|^\W*(?:(?:hi|hey|dear|attention|note to|message for|instructions? for)\s+)?(?:the\s+|your\s+)?{_ASSISTANT}"
            r"(?:\s+(?:instructions?|command|override|note))?\s*[:,/\-–—]"
            rf"|\b{_ROLE}\s+(?:instructions?|command|override)\b"
            rf"|\b(?:note to|attention|instructions? for|message for)\s+(?:the\s+|your\s+)?{_ASSISTANT}\b"
            rf"|\b{_ROLE}\s*[:,]\s*(?:please\s+)?(?:send|forward|delete|trash|reply|say|read|"
            r"mute|archive|ignore|create|print|reveal|tell|do)\b"
            r"|\bas the assistant\b|\bthe (?:assistant|ai)\s+(?:must|should|will|needs to)\b"
            # "a message from me to you, MailVox" (not "thanks to you, the assistant to the CEO")
            r"|\byou\s*,\s*(?:mailvox|(?:ai|voice|email|mail)\s+(?:assistant|agent)|copilot|language model|chatbot)\b"
            r"|\bthe\s+task\s+(?:that\s+)?(?:i|the user)\s+gave\s+you\s+(?:in the beginning|at the start)\b"
            # consent claimed for the user, who would say it themselves
            r"|\b(?:the\s+)?user\s+(?:has\s+)?(?:already\s+)?(?:asked for it|approved|authori[sz]ed|consented|"
            r"agreed|wants that|said (?:it'?s|its) (?:ok|fine))\b|\bas agreed with the user\b",
            _I,
        ),
    ),
    Sign(
        "link",
        "asks you to sign in or pay at a web address",
        re.compile(
            r"\b(?:verify|confirm|log ?in|sign ?in|unlock|re-?enter|pay|update)\b[^.!?\n]{0,60}?\b(?:at|via|on)\s+"
            r"(?:https?://)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b",
            _I,
        ),
    ),
    Sign(
        "act",
        "tells me to delete, send or file your mail",
        re.compile(
            rf"\b(?:delete|trash|remove|archive|erase)\s+{_ALL_MAIL}"
            r"|\bempty\s+the\s+trash\b|\btrash\s+(?:this|your)\s+inbox\b"
            # a rule over all mail, or into the trash (not "a rule that moves newsletters to a folder")
            r"|\b(?:create|make|add|set up)\s+an?\s+(?:new\s+)?(?:mail\s+|inbox\s+)?(?:rule|filter)\s+(?:to|that|which)\s+"
            r"(?:archive|forward|delete|move|mark|skip|trash)(?:e?s)?\b"
            r"(?=[^.!?\n]{0,40}\b(?:all|every|each|any)\b|[^.!?\n]{0,60}\btrash\b)"
            # mail kept from the user: "mute Sarah so the user no longer hears her emails"
            r"|\bso\s+(?:that\s+)?the\s+user\s+(?:no longer|never|won't|will not|doesn't|does not|can't|cannot)\s+"
            r"(?:hears?|sees?|notices?|reads?)\s+(?:(?:her|his|their|its|the|these|those|any)\s+)?(?:e-?mails?|mail|messages?|it)\b"
            # an email's fields dictated, to an address: "... to x@y using 'Important!' as subject"
            r"|@[\w-]+(?:\.[\w-]+)+\s+using\s+['\"][^'\"\n]{1,80}['\"]\s+as\s+(?:the\s+)?subject\b"
            r"|\bsend\s+(?:it|the draft|this)\s+(?:now|immediately|right away)\b"
            r"|\bthen\s+say\s+(?:done|yes|delete|send)\b|\bsay\s+(?:delete it|send it|mute)\b",
            _I,
        ),
    ),
)


@dataclass(frozen=True)
class Suspicion:
    """Why a mail looks like phishing: the kinds of request found and where."""

    kinds: tuple[str, ...]
    places: tuple[str, ...]  # "name", "subject", "body"

    @property
    def warning(self) -> str:
        """The sentence the briefing says before anything else about the mail (two reasons at most)."""
        says = [s.says for s in SIGNS if s.kind in self.kinds[:2]]
        return f"This one looks like a phishing attempt: it {', and '.join(says)}."


_ADDRESS = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


def _found(sign: Sign, text: str, my_domains: frozenset[str]) -> bool:
    for match in sign.pattern.finditer(text):
        if _NEGATED.search(text[max(0, match.start() - 40) : match.start()]):
            continue
        if sign.outside_only:
            domains = {d.lower() for d in _ADDRESS.findall(text[match.start() : match.end() + 80])}
            if domains and domains <= my_domains:
                continue
        return True
    return False


def signs_in(text: str, my_domains: frozenset[str] = frozenset()) -> list[str]:
    """The kinds of request `text` makes, most telling first (forwarding to one of `my_domains`
    is ordinary work, not a sign)."""
    return [sign.kind for sign in SIGNS if _found(sign, text, my_domains)]


def suspicion(*, name: str, subject: str, body: str, my_domains: frozenset[str] = frozenset()) -> Suspicion | None:
    """Why the mail with this display name, subject and speakable body looks like phishing, or
    None when nothing in it asks for mail, money or secrets or speaks for the system."""
    found: dict[str, set[str]] = {}
    for place, text in (("name", name), ("subject", subject), ("body", body[:20_000])):
        for kind in signs_in(text, my_domains):
            found.setdefault(kind, set()).add(place)
    if not found:
        return None
    kinds = tuple(s.kind for s in SIGNS if s.kind in found)
    places = tuple(p for p in ("name", "subject", "body") if any(p in found[k] for k in kinds))
    return Suspicion(kinds, places)


def is_suspicious_sentence(sentence: str) -> bool:
    """Whether one sentence makes such a request (it is then never read as the mail's gist)."""
    return bool(signs_in(sentence))
