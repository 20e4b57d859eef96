"""Where the user is in the briefing, and how each step is said aloud."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from mailvox.agent.mail import (
    A_QUESTION,
    DEADLINE,
    EXACT,
    Triaged,
    closest_senders,
    one_named,
    sender_words,
    word_closeness,
)

from .invites import spoken_invitation
from .kinds import Kept
from .remembered import RememberedMessage
from .slots import EMAIL_NOUNS, NOT_NAME, PRONOUNS
from .spoken import how_long, listed, mailbox_said, number_said, place_of
from .suspicion import Suspicion, is_suspicious_sentence, suspicion

IMPORTANT_SCORE = 20  # at or above: "looks important"
# "the second one" picks from the senders asked about ("Sarah Chen or Sarah Park?")
ORDINALS = {"first": 0, "former": 0, "second": 1, "latter": 1, "third": 2, "fourth": 3, "fifth": 4}
# Where a word in a request is a person: "does bob", "from priya", "sarah's", "bob want".
# Words too common to be a name, though some sound like one ("then", "Chen"); not the names among them.
COMMON_WORDS = ENGLISH_STOP_WORDS - {"bill", "will", "may"}
# Words for what an email is, not whose: "the vendor ex newsletter" names VendorX by "vendor ex".
KINDS = EMAIL_NOUNS | {"newsletter", "newsletters", "note", "notes", "invite", "invitation"}


# What a commuter calls an email by its gist rather than its subject's word: "the money one" is
# the budget email, "the food thing" the lunch one.
TOPIC_SENSES = {
    **dict.fromkeys(("money", "cash", "finance", "finances", "spend", "spending", "costs"), ("budget", "invoice", "payment", "expenses", "pay", "budgets")),
    **dict.fromkeys(("food", "eat", "eating", "meal"), ("lunch", "dinner", "breakfast", "coffee")),
    **dict.fromkeys(("security",), ("vpn", "password", "certificate")),
    **dict.fromkeys(("ship", "shipping", "launch", "deploy"), ("release", "launch", "deploy", "rollout")),
}  # fmt: skip


def _meant_in_subject(word: str, subject: list[str]) -> bool:
    """Whether a subject holds a word in the sense a commuter means it ("money": "budget")."""
    return any(sense in subject for sense in TOPIC_SENSES.get(word, ()))


def _without_kinds(words: str) -> str:
    return " ".join(word for word in words.split() if word not in KINDS)


SAID_AS_A_NAME = re.compile(
    r"\b(?:does|did|do|has|from|with|didn't|doesn't|hasn't)\s+([a-z0-9]+)\b|\b(?!(?:what|who|where|when|how|that|it|there|here|he|she)'s)([a-z0-9]+)'s\b|"
    r"\b([a-z0-9]+)\s+(?:want|wants|wanted|wanting|say|says|said|saying|ask|asks|asked|asking|need|needs|needing|send|sent|wrote|write|writing|"
    r"after|up to|on about|going on about)\b|"  # "what's Priya after?"
    r"\b([a-z0-9]{3,})s(?= (?:email|mail|message|one|thread)s?\b|\W*$)"  # "who else got bobs": Bob's, as heard
)
PLACE_FIRST = re.compile(
    r"\b(?:the (?:very )?first (?:one|email|mail|message)|from the (?:top|start|beginning)|first (?:one|email)|"
    # the briefing goes by priority: "start with the important one" is its first
    r"the (?:(?:most|really|very) )?(?:important|top|top priority|highest priority) (?:one|email|mail|message)|"
    r"the (?:very )?first (?:thing|one) (?:you (?:mentioned|said|read|told me)|we (?:heard|did))|"
    r"(?:start|begin)(?:ing)? (?:over|again|afresh)|(?:go|going|back|jump|skip|take me)\w* (?:back )?to the (?:top|start|beginning))\b"
)
PLACE_LAST = re.compile(
    r"\b(?:very last|the final (?:one|email|message)|(?:skip|jump|go|head|fast forward|move|take me)\w* (?:\w+ )?to the (?:end|bottom)|"
    r"(?:skip|jump|fast forward)\w* (?:ahead |down )?to the last (?:one|email|message))\b"  # forward: the final one, not the one before
)
PLACE_NTH = re.compile(r"\bthe (second|third|fourth|fifth) (?:one|email|mail|message)\b")
PLACE_OTHER = re.compile(r"\bthe other (?:one|email|mail|message)\b")
# An email named by its age among these: "the older one", "the newest email".
PLACE_BY_AGE = re.compile(
    r"\bthe (?:(?P<old>older|oldest|earlier|earliest)|(?P<new>newer|newest|later|latest|more recent|most recent)) (?:one|email|mail|message)\b"
)
# Words that follow a name in a request without being part of it ("tell bob thursday is on").
NOT_A_SURNAME = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tonight"]
    + ["tomorrow", "yes", "no", "yeah", "sure", "okay", "thanks", "sorry", "please", "next", "this", "that"]
    # a time said in words: "tell Priya ten forty works" lost its "ten" to her name
    + ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    + ["noon", "midnight", "half", "quarter", "we", "i", "i'm", "i'll", "we're", "we'll", "it", "it's", "the", "all"]
)
# A one-time code or password is not read out unless the user asks for it. A code has a digit
# ("code: 123 456", "PIN 4821", "code is 889-123", "code: 12 34 56"); a password is anything after "password:".
_DIGITS = r"(?:\d{3,4}[ -]\d{3,4}|\d{2}[ -]\d{2}[ -]\d{2})\b"  # a code said in groups: "123 456", "12-34-56"
_CODE_VALUE = r"(?=[A-Za-z-]*\d)(?:" + _DIGITS + r"|[A-Za-z0-9][A-Za-z0-9-]{2,14}[A-Za-z0-9]\b)"
# a bare number is a code only with a code word around it, so times, orders and rooms are said
_BARE_CODE = r"(?:[A-Z]{1,3}-)?(?:" + _DIGITS + r"|\d{4,8}\b)"
# with no code word, only a code's own shape: six to eight digits, never a year ("use 2026 to ...")
_CODE_SHAPED = r"(?:[A-Z]{1,3}-)?(?:\d{3}[ -]\d{3}\b|\d{2}[ -]\d{2}[ -]\d{2}\b|\d{6,8}\b)"
SECRET = re.compile(
    r"\b(?P<label>(?:one[- ]time |verification |security |login |sign[- ]in |confirmation |access |auth |2fa |mfa )?"
    # "code is", "2FA:", "code for sign-in is"
    r"(?:code|passcode|otp|pin|2fa|mfa)(?: is| for [\w-]+(?: [\w-]+)? is)?:?)\s*(?P<value>" + _CODE_VALUE + r")"
    r"|\b(?P<plabel>password:)\s*\S{4,40}"
    r"|\b(?P<plabel2>password(?: is)?)\s+" + _CODE_VALUE + r""
    # the code first: "G-123456 is your Google verification code", "123-456 is your code"
    r"|\b(?P<lead>" + _BARE_CODE + r")(?=\s+is\s+your\b[^.\n]{0,40}\b(?:code|pin|otp|passcode|password)\b)"
    # what it is for instead of a code word: "Use 123456 to sign in", "Enter 482913 to continue"
    r"|\b(?P<verb>(?:use|enter|type)\s+)"
    + _CODE_SHAPED
    + r"(?=\s+to\s+(?:sign|log)[- ]?in|\s+to\s+(?:continue|verify|confirm|proceed|finish|complete|reset)\b)"
    r"|\b(?P<google>[A-Z]-\d{5,8})\b",
    re.IGNORECASE,
)


def _withheld(match: re.Match[str]) -> str:
    if match.group("verb"):
        return f"{match.group('verb')}(withheld)"
    label = match.group("label") or match.group("plabel") or match.group("plabel2")
    return f"{label} (withheld)" if label else "(withheld)"


def withhold_secrets(text: str) -> tuple[str, bool]:
    """The text with codes and passwords withheld, and whether any were."""
    withheld, count = SECRET.subn(_withheld, text)
    return withheld, count > 0


def ended(subject: str) -> str:
    """A subject said as a sentence: "Lunch on Wednesday?" keeps its mark, others get a full stop."""
    return subject if subject.endswith((".", "?", "!")) else f"{subject}."


# A greeting before the text on the same line: "Hi Alex, ..."
GREETING = re.compile(r"^(hi|hello|hey|dear)\b[^,.!]{0,40}[,.!]\s*", re.IGNORECASE)


def first_sentence(text: str, limit: int = 200) -> str:
    body = GREETING.sub("", " ".join(text.split()))
    match = re.search(r"(.+?[.!?])(\s|$)", body)
    sentence = match.group(1) if match else body
    return sentence[:limit].rstrip() + ("..." if len(sentence) > limit else "")


# A sentence that asks something of the reader: what a brief must not leave out.
ASKS = re.compile(r"\?$|\b(?:can|could|would|will) you\b|\bplease\b|\blet me know\b|\bneed you to\b", re.IGNORECASE)
# A salutation on a line of its own: "Alex," or "Hi team!" above the text.
SALUTATION_LINE = re.compile(
    r"^\s*(?:(?:hi|hello|hey|dear|morning|good morning)\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)?\s*[,!]\s*$"
)
GIST_WORDS = 30  # two sentences said together at most this long; else the ask alone after the first


def gist(text: str) -> str:
    """What an email is about in a breath: its first sentence, and the sentence that asks
    something of the reader when one follows close by ("Can you send ... by Friday noon?"), or
    else the next sentence when both are short. Sentences that ask for mail, money or secrets
    are skipped: an attack's orders are never read out as what the mail is about."""
    lines = text.strip().splitlines()
    if lines and SALUTATION_LINE.match(lines[0]):
        lines = lines[1:]
    body = GREETING.sub("", " ".join(" ".join(lines).split()))
    sentences = [
        first_sentence(sentence)
        for sentence in re.split(r"(?<=[.!?])\s+", body)
        if sentence and not is_suspicious_sentence(sentence)
    ]
    if not sentences:
        return ""
    whole = " ".join(sentences)
    if len(sentences) == 2 and len(whole.split()) <= GIST_WORDS:
        return withhold_secrets(whole)[0]  # "Want to grab lunch Wednesday? The new ramen place ...": all of it
    first, following = sentences[0], sentences[1:3]
    second = next((sentence for sentence in following if ASKS.search(sentence)), None)
    if second is None and following and len(f"{first} {following[0]}".split()) <= GIST_WORDS:
        second = following[0]  # "... expires on December 1st. Renew it from the portal ..."
    said = first if second is None or ASKS.search(first) else f"{first} {second}"
    return withhold_secrets(said)[0]


# A time limit that is not a request's deadline: "your certificate expires on December 1st".
RUNS_OUT = re.compile(
    r"\b(?:expires?|expiring|expiry|runs? out|closes?|ends?|lapses?)\b(?: (?:on|in|at|by))? "
    r"(?:today|tonight|tomorrow|\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|(?:a|one|two|three|four|five|six|seven) (?:days?|weeks?))",
    re.IGNORECASE,
)


def deadline_sentence(text: str) -> str | None:
    """The sentence of an email that gives a deadline ("... by Friday noon?") or, failing that,
    says when something runs out ("... expires on December 1st"), if any."""
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    for pattern in (DEADLINE, RUNS_OUT):
        for sentence in sentences:
            if pattern.search(sentence):
                return withhold_secrets(sentence)[0]
    return None


# Words that say when: a day, a date or a time.
A_WHEN = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\b(?:today|tomorrow|tonight|noon|morning|afternoon|week)\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\b\d{1,2}:\d\d\b",
    re.IGNORECASE,
)


# A time of day, for "what time ...?": "10:40", "3 pm", "noon".
A_TIME_OF_DAY = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d\d\b|\b(?:noon|midnight)\b", re.I
)


def when_of(text: str, thing: str = "", clock: bool = False) -> str | None:
    """The email's first sentence that says a day, date or time (a time of day, with `clock`:
    "what time ...?"), and names `thing` (a word of it: "retro is Friday") when one is given;
    None when none does."""
    words = [w for w in thing.lower().split() if w not in COMMON_WORDS and w not in ("again",)]
    if thing and not words:
        return None
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        lowered = sentence.lower()
        if all(not holds_word(lowered, w) for w in words) and words:
            continue
        if (A_TIME_OF_DAY if clock else A_WHEN).search(sentence):
            return withhold_secrets(sentence)[0]
    return None


def holds_word(text: str, word: str) -> bool:
    """Whether the text has the word, whole or as a word's start ("renew" in "renewal"), never
    inside another word ("date" in "Updates")."""
    # "on call" in "on-call handover", "stand-up" in "Standup notes"
    parts = re.split(r"[\s-]+", word.strip(" -"))
    if not parts[0]:
        return False
    spelt = r"[\s-]*".join(map(re.escape, parts))
    return re.search(rf"\b{spelt}", text, re.IGNORECASE) is not None


# Said instead of a confidential email's words (the admin's policy, agent/mail/accounts.py).
CONFIDENTIAL = "I haven't read it out in case someone's with you. Shall I read it?"
CONFIDENTIAL_REFUSED = "Your administrator doesn't allow confidential mail to be read aloud."


@dataclass
class BriefingItem:
    triaged: Triaged
    briefed_from: str = field(init=False)  # the folder it was in when briefed
    released: bool = field(default=False, init=False)  # a confidential one the user asked to hear

    def __post_init__(self) -> None:
        self.briefed_from = self.triaged.message.folder

    @property
    def gone(self) -> bool:
        """Moved away on this call (archived, to Trash, filed): going through the briefing passes
        it over. An undo moves it back, and it counts again."""
        return self.triaged.message.folder != self.briefed_from

    @cached_property
    def suspicion(self) -> Suspicion | None:
        """Why this mail looks like phishing, or None."""
        message = self.triaged.message
        return suspicion(
            name=message.sender.name,
            subject=message.subject,
            body=self.triaged.text,
            my_domains=self.triaged.my_domains,
        )

    @property
    def sender(self) -> str:
        """The sender's name, or where they write from when the name itself gives orders."""
        if self.suspicion is not None and "name" in self.suspicion.places:
            return f"someone at {self.triaged.sender_domain}"
        return self.triaged.message.sender.spoken()

    @property
    def introduced(self) -> str:
        """The sender as first said: with the domain when the name copies someone the user
        knows, or the mail looks like phishing ("Sarah Chen, at evil.example, an outside address")."""
        triaged = self.triaged
        if not (triaged.impersonates or self.suspicion is not None) or self.sender.startswith("someone at"):
            return self.sender
        if triaged.outside:
            return f"{self.sender}, at {triaged.sender_domain}, an outside address"
        if triaged.impersonates:
            return f"{self.sender}, at {triaged.message.sender.email}, not the address you know"
        return self.sender

    @property
    def introduced_in(self) -> str:
        """`introduced`, with the mailbox when it is another than the caller's own ("Priya Natarajan,
        in the team mailbox")."""
        where = mailbox_said(self.triaged.message.mailbox)
        return f"{self.introduced}, in {where}" if where else self.introduced

    @property
    def held(self) -> str:
        """What is said instead of a confidential email's words until the user asks for them
        (for good, where the admin forbids it); "" for any other email."""
        if self.triaged.confidential == "refuse":
            return CONFIDENTIAL_REFUSED
        return CONFIDENTIAL if self.triaged.confidential and not self.released else ""

    @property
    def subject(self) -> str:
        """The subject as it may be said: codes withheld, and never one that gives orders."""
        if self.held or (self.suspicion is not None and "subject" in self.suspicion.places):
            return "a subject I won't read out"
        return withhold_secrets(self.triaged.message.subject)[0] or "no subject"

    @property
    def meeting(self) -> str:
        """The invited meeting's name as it may be said: its own, unless that gives orders or
        holds a code (then the email's subject, made safe to say)."""
        invitation = self.triaged.invitation
        name = withhold_secrets(invitation.summary)[0] if invitation is not None else ""
        return self.subject if self.held or not name or is_suspicious_sentence(name) else name

    def speaks_of(self, words: str) -> bool:
        """Whether its subject or text holds these words (see `holds_word`)."""
        return holds_word(f"{self.subject} {self.text}", words)

    @property
    def place(self) -> str:
        """Where the invited meeting is, as it may be said: "" for none, a long one (a meeting
        link), or one that gives orders; codes withheld."""
        invitation = self.triaged.invitation
        where = withhold_secrets(invitation.location)[0] if invitation is not None else ""
        return where if len(where) <= 60 and not is_suspicious_sentence(where) else ""

    @property
    def text(self) -> str:
        """The words of the email as they may be said or shown to a model."""
        return self.held or self.triaged.text


# A request's opening verbs, never names there ("Mark Bob's as read" with a Marco briefed).
OPENING_VERBS = frozenset(
    {"mark", "flag", "file", "move", "forward", "archive", "delete", "bin", "trash", "mute", "star"}
)
# The words of a request for an email, around the sender's name.
REQUEST_WORDS = frozenset(
    [
        "go",
        "to",
        "back",
        "the",
        "a",
        "an",
        "email",
        "mail",
        "message",
        "one",
        "ones",
        "read",
        "me",
        "open",
        "jump",
        "skip",
        "that",
        "this",
        "from",
        "please",
        "can",
        "you",
        "could",
        "would",
        "let's",
        "lets",
        "let",
        "us",
        "get",
        "take",
    ]
)


@dataclass
class Briefing:
    items: list[BriefingItem]

    @classmethod
    def of(cls, triaged: list[Triaged]) -> Briefing:
        return cls([BriefingItem(t) for t in triaged])

    position: int = -1  # -1: not started
    paused: bool = False
    kept: Kept | None = None  # "just the people ones": the kind of mail this briefing keeps, mail arriving too

    @property
    def important(self) -> int:
        return sum(1 for i in self.items if i.triaged.score >= IMPORTANT_SCORE)

    @property
    def current(self) -> BriefingItem | None:
        return self.items[self.position] if 0 <= self.position < len(self.items) else None

    def remaining(self) -> int:
        return sum(1 for item in self.items[self.position + 1 :] if not item.gone)

    def unheard(self, heard: list[BriefingItem]) -> list[BriefingItem]:
        """Emails not yet heard on this call, nor moved away: after a jump to the last one, those
        passed over still count."""
        return [i for i in self.items if not (i.gone or i is self.current or any(i is h for h in heard))]

    def step(self, delta: int) -> BriefingItem | None:
        """The email `delta` places on, passing over those moved away on this call; None past
        either end (and the place is kept)."""
        target, direction = self.position, 1 if delta > 0 else -1
        for _ in range(abs(delta)):
            target += direction
            while 0 <= target < len(self.items) and self.items[target].gone:
                target += direction
        if not 0 <= target < len(self.items):
            return None
        self.position = target
        return self.current

    def name_and_spare(self, spoken: str) -> tuple[str, str]:
        """A two-word name cut where the sender's name ends: "bob thursday" (from "tell bob
        thursday is on") is ("bob", "thursday"); "do bob" (from "can we do bob's") is ("bob", "").
        Unchanged when both words, or neither, name the sender."""
        words = spoken.split()
        if len(words) != 2:
            return spoken, ""
        first, second = (self.sender_named_exactly(word) for word in words)
        # a word of the mail's subjects is what is said of it: "tell bob release moves to monday"
        messages = [item.triaged.message for item in self.items]
        names = {w for m in messages for w in re.findall(r"[a-z0-9]+", m.sender.name.lower())}
        subjects = {w for m in messages for w in re.findall(r"[a-z0-9]+", m.subject.lower())} - names
        said_of_it = words[1] in NOT_A_SURNAME or words[1][:1].isdigit() or words[1] in subjects
        if first is not None and second is None and said_of_it:
            sender = first.triaged.message.sender
            if word_closeness(words[1], sender_words(sender.name, sender.email)) is None:
                return words[0], words[1]
        if second is not None and first is None:
            return words[1], ""
        return spoken, ""

    def set_aside(self, address: str) -> int:
        """A sender's emails leave this briefing (not the mailbox), but for the one being read;
        how many went."""
        current = self.current
        kept = [i for i in self.items if i is current or i.triaged.message.sender.email.lower() != address.lower()]
        gone = len(self.items) - len(kept)
        self.items[:] = kept
        if current is not None:
            self.position = kept.index(current)
        return gone

    def leave_out(self, item: BriefingItem) -> None:
        """One email leaves this briefing (not the mailbox); not the one being read."""
        current = self.current
        assert item is not current, "the one being read is passed, not left out"
        self.items[:] = [i for i in self.items if i is not item]
        if current is not None:
            self.position = self.items.index(current)

    @staticmethod
    def keeps(item: BriefingItem, kept: Kept) -> bool:
        """Whether an email is of the kind kept: from a person, or one that looks important or asks
        something of the caller."""
        if kept == "people":
            return not item.triaged.automated
        # what looks important, or asks something of the caller ("get through the important ones")
        return Briefing.looks_important(item) or Briefing.asks_something(item)

    @staticmethod
    def looks_important(item: BriefingItem) -> bool:
        """Whether triage scored an email important (never one that looks like phishing)."""
        return item.triaged.score >= IMPORTANT_SCORE and item.suspicion is None

    def keep_only(self, kept: Kept) -> list[BriefingItem]:
        """This briefing keeps only mail from people, or only what looks important, but for the
        one being read and those already passed; the emails left out, for now (not the mailbox)."""
        current = self.current
        self.kept = kept
        left_out = [i for i in self.items[self.position + 1 :] if not self.keeps(i, kept)]
        self.items[:] = [i for i in self.items if not any(i is out for out in left_out)]
        if current is not None:
            self.position = self.items.index(current)
        return left_out

    def place_named(self, said: str) -> int | None:
        """The index of the email a request names by its place ("the first one", "from the top",
        "the very last one"); None when it names none. A bare "last one" means the one before."""
        if not self.items:
            return None
        text = said.lower()
        here = [index for index, item in enumerate(self.items) if not item.gone]  # not those moved away
        if PLACE_LAST.search(text):
            return here[-1] if here else None
        if PLACE_FIRST.search(text):
            return here[0] if here else None
        if found := PLACE_NTH.search(text):
            index = ORDINALS[found.group(1)]  # as place() counts them: those moved away are not
            return here[index] if index < len(here) else None
        if PLACE_OTHER.search(text) and len(self.items) == 2:  # of two just listed, or the one not open
            return 1 if self.current is None else 1 - self.position
        if (found := PLACE_BY_AGE.search(text)) and all(i.triaged.message.date for i in self.items):
            ages = [i.triaged.message.date.timestamp() for i in self.items if i.triaged.message.date]
            return ages.index(min(ages) if found.group("old") else max(ages))
        return None

    def skip_sender(self) -> BriefingItem | None:
        """The next email not from the current sender; theirs are left for another time."""
        if self.current is None:
            return None
        sender = self.current.triaged.message.sender.email.lower()
        for index in range(self.position + 1, len(self.items)):
            if self.items[index].triaged.message.sender.email.lower() != sender:
                self.position = index
                return self.current
        return None

    def sent_by(self, address: str) -> list[BriefingItem]:
        """This briefing's emails from one address."""
        return [item for item in self.items if item.triaged.message.sender.email == address]

    def _first_of_each_sender(self) -> dict[str, BriefingItem]:
        firsts: dict[str, BriefingItem] = {}
        for item in self.items:
            firsts.setdefault(item.triaged.message.sender.email.lower(), item)
        return firsts

    def senders_named(self, spoken_sender: str) -> list[BriefingItem]:
        """The first email of each sender a spoken name could mean, in briefing order, by the
        closest kind of match that finds any (exact or nickname, then sounds alike, then spelt
        alike): two Sarahs for "sarah", one for "sarah chen" or "sara chan"."""
        firsts = self._first_of_each_sender()
        if "@" in spoken_sender:  # an address names its sender and nobody else
            chosen = firsts.get(spoken_sender.strip().lower())
            return [chosen] if chosen else []
        items = list(firsts.values())
        senders = [(i.triaged.message.sender.name, i.triaged.message.sender.email) for i in items]
        return [items[index] for index in closest_senders(spoken_sender, senders)]

    def _names_heard(self, said: str) -> set[str]:
        """Each run of a request's words (one or two words) that names exactly one briefed
        sender, by senders_named's loose matching."""
        words = [w.strip(".") for w in re.findall(r"[a-z0-9@.'-]+", said.lower()) if w.strip(".")]  # "it." is "it"
        opening = next((i for i, w in enumerate(words) if w not in NOT_NAME and w not in COMMON_WORDS), -1)
        runs: list[list[str]] = [[]]
        for index, word in enumerate(words):
            no_name = word in NOT_NAME or word in PRONOUNS or word in REQUEST_WORDS or word in COMMON_WORDS
            # "Mark Bobbs as read": the request's opening verb is no name, though it sounds like Marco
            if no_name or (index == opening and word in OPENING_VERBS):
                runs.append([])  # "then" sounds like "Chen", but is no name
            else:
                runs[-1].append(word)
        return {
            " ".join(run[i : i + n])
            for run in runs
            for n in (2, 1)
            for i in range(len(run) - n + 1)
            if len(self.senders_named(" ".join(run[i : i + n]))) == 1
        }

    def senders_mentioned(self, said: str) -> list[BriefingItem]:
        """The first email of each briefed sender some words of a request name, in briefing
        order ("flag Bob's and Sarah's": both)."""
        found = [self.senders_named(words)[0] for words in self._names_heard(said)]
        return [item for item in self._first_of_each_sender().values() if any(item is f for f in found)]

    def sender_mentioned(self, said: str) -> str:
        """The words of a request that name exactly one briefed sender, when the request's
        shape did not say where the name is ("go to the vendor X1", as Whisper heard "the
        VendorX one"); "" when no run of words, or more than one, names a single sender."""
        found = self._names_heard(said)
        named = {self.senders_named(words)[0].triaged.message.sender.email for words in found}
        if len(named) != 1:
            return ""
        # the most words of a name: "vendor ex" of "the vendor ex newsletter", not "ex newsletter"
        # ("the newsletter" alone still names the one newsletter's sender)
        best = max(found, key=lambda words: (len(_without_kinds(words)), len(words)))
        stripped = _without_kinds(best)  # "newsletter bin" names the newsletter's sender; "bin" no one
        return stripped if stripped and len(self.senders_named(stripped)) == 1 else best

    def named_in(self, said: str) -> BriefingItem | None:
        """The first email of the one sender whose display name a word of the request is, said
        exactly or as a nickname ("what does Bob want?", "start with Sarah's"); None when no
        word, or words for several senders, name one. Stricter than sender_mentioned: no
        address words ("news"), no near spellings ("update"), nothing shorter than three letters."""
        return self.sender_named_exactly(
            {next(w for w in found if w) for found in SAID_AS_A_NAME.findall(said.lower())}
        )

    def one_mentioned(self, said: str) -> BriefingItem | None:
        """The one email a request names by its sender ("that offsite thing from Priya") or by a
        word of its subject ("renew the vpn thing"); None when it names none, or several."""
        if (named := self.named_in(said)) is not None:
            return named
        words = (
            {w for w in re.findall(r"[a-z0-9]+", said.lower()) if len(w) > 2} - COMMON_WORDS - NOT_NAME - REQUEST_WORDS
        )
        holding = [
            item for item in self.items if words & set(re.findall(r"[a-z0-9]+", item.triaged.message.subject.lower()))
        ]
        return holding[0] if len(holding) == 1 else None

    def sender_named_exactly(self, words: set[str] | str) -> BriefingItem | None:
        """As named_in, for words known to be a name (a name slot's, every word of which must
        then be the sender's: "sarah park" is not Sarah Chen)."""
        every = isinstance(words, str)
        if isinstance(words, str):
            words = set(re.findall(r"[a-z0-9]+", words.lower()))
        words = {w for w in words if len(w) > 2 and w not in NOT_NAME | PRONOUNS | REQUEST_WORDS | COMMON_WORDS}
        if not words:
            return None
        firsts: dict[str, BriefingItem] = {}
        for item in self.items:
            sender = item.triaged.message.sender
            name_words = set(re.findall(r"[a-z0-9]+", sender.name.lower()))
            exact = [
                word_closeness(word, name_words) == EXACT
                # "sarahs": Sarah's as the recognizer writes it
                or (len(word) > 3 and word.endswith("s") and word_closeness(word[:-1], name_words) == EXACT)
                for word in words
            ]
            if all(exact) if every else any(exact):
                firsts.setdefault(sender.email.lower(), item)
        return next(iter(firsts.values())) if len(firsts) == 1 else None

    def about(self, topic: str) -> BriefingItem | None:
        """The one email whose subject holds most of the topic's words (heard alike counts:
        "the offside agenda" finds "Offsite agenda - your slot"); None when none holds at least
        half of them, or two hold as many. It becomes the current one."""
        index = self.index_about(topic)
        if index is None:
            return None
        self.position = index
        return self.items[index]

    def index_about(self, topic: str) -> int | None:
        """Where the email `about` would go to is; None where it would find none."""
        said = [w for w in re.findall(r"[a-z0-9']+", topic.lower()) if w not in NOT_NAME and w not in REQUEST_WORDS]
        if not said:
            return None
        subjects = [re.findall(r"[a-z0-9']+", item.triaged.message.subject.lower()) for item in self.items]
        held = [sum(word_closeness(word, subject) is not None for word in said) for subject in subjects]
        if not any(held) and not any(item.speaks_of(word) for item in self.items for word in said):
            # "the money one": by the sense of the word, only where no email says it
            held = [sum(_meant_in_subject(word, subject) for word in said) for subject in subjects]
        best = max(held, default=0)
        if 2 * best < len(said) or held.count(best) > 1:
            return None
        return held.index(best)

    def mentioning(self, words: str) -> BriefingItem | None:
        """The one email whose subject or text holds each of these words ("the guy from QA":
        Bob's, which says "QA found ..."); None when none does, or several. It becomes the
        current one."""
        said = [w for w in re.findall(r"[a-z0-9']+", words.lower()) if w not in COMMON_WORDS and w not in NOT_NAME]
        found = [index for index, item in enumerate(self.items) if said and all(item.speaks_of(word) for word in said)]
        if len(found) != 1:
            return None
        self.position = found[0]
        return self.items[found[0]]

    def go_to(self, spoken_sender: str) -> BriefingItem | None:
        """The first email of the one sender the name means; None when it means nobody, or
        several (then ask which_one of senders_named)."""
        found = self.senders_named(spoken_sender)
        if len(found) != 1:
            return None
        self.position = self.items.index(found[0])
        return found[0]

    def go_to_item(self, item: BriefingItem) -> BriefingItem:
        """Go to an email chosen from senders_named."""
        self.position = self.items.index(item)
        return item

    @staticmethod
    def which_one(items: list[BriefingItem]) -> str:
        """The question that tells senders apart: "Sarah Chen or Sarah Park?" (with the
        address where the names are the same)."""
        names = [item.sender for item in items]
        if len(set(names)) < len(names):
            names = [f"{item.sender} at {item.triaged.message.sender.email}" for item in items]
        return f"{listed(names, 'or')}?"

    @staticmethod
    def pick(answer: str, items: list[BriefingItem]) -> BriefingItem | None:
        """The one of `items` an answer to which_one names ("Chen", "Sarah Park please", "the
        second one"); None when it names none or several of them."""
        index = one_named(answer, [(i.triaged.message.sender.name, i.triaged.message.sender.email) for i in items])
        if index is not None:
            return items[index]
        # "the offsite person", "the budget one": the one whose subject has the word
        said = {w for w in re.findall(r"[a-z0-9]+", answer.lower()) if len(w) > 2} - COMMON_WORDS - NOT_NAME
        about = [i for i in items if said & set(re.findall(r"[a-z0-9]+", i.subject.lower()))]
        return about[0] if len(about) == 1 else None

    # --- what is said --------------------------------------------------------------------

    def offer(self) -> str:
        """What is coming: how many look important, how long hearing them all takes (at the
        voice's measured rate), and the question that starts it."""
        if not self.items:
            return ""
        important = self.important
        length = how_long([self.summary(item) for item in self.items])
        elsewhere = self._in_other_mailboxes()
        if important:
            noun = "looks" if important == 1 else "look"
            return (
                f"{important} of them {noun} important, {length} in all.{elsewhere}"
                " Shall I go through them, most important first?"
            )
        return f"That's {length} to hear.{elsewhere} Shall I go through them?"

    def _in_other_mailboxes(self) -> str:
        """ " Two are in the team mailbox.": the briefing's mail in the caller's other mailboxes."""
        counts = Counter(item.triaged.message.mailbox for item in self.items if item.triaged.message.mailbox)
        said = [
            f"{number_said(count)} {'is' if count == 1 else 'are'} in {mailbox_said(name)}"
            for name, count in counts.items()
        ]
        sentence = listed(said)
        return f" {sentence[:1].upper()}{sentence[1:]}." if said else ""

    def place(self) -> str:
        """ "Two of five.": where the current email is in the briefing; "" for a short one."""
        here = [item for item in self.items if not item.gone or item is self.current]
        if self.current is None or len(here) < 3:
            return ""
        return place_of(here.index(self.current), len(here))

    def urgent(self, left: list[BriefingItem] | None = None, answered: frozenset[str] = frozenset()) -> str:
        """ "What's urgent?": the emails that look important, by sender and subject, most
        important first, with why, then who else asks something of the caller; of those `left`
        to hear, where the caller asked of the rest. Mail moved away or `answered` (by Message-ID)
        on this call needs nothing more."""
        pool = [
            i
            for i in (self.items if left is None else left)
            if not i.gone and i.triaged.message.message_id not in answered
        ]
        important = [i for i in pool if self.looks_important(i)]
        asking = [i for i in pool if not self.looks_important(i) and self.asks_something(i)]
        verb = "asks" if len(asking) == 1 else "ask"
        owners = listed([f"{i.introduced}'s" for i in asking])
        also = f" {owners} also {verb} something of you." if asking else ""
        if not important:
            if asking:
                nothing = "Nothing looks" if left is None else "Nothing left looks"
                return f"{nothing} urgent, but {owners} {verb} something of you."
            return "Nothing here looks urgent." if left is None else "Nothing left looks urgent; the rest can wait."
        named = [f"{i.introduced}'s, {ended(i.subject)} It's {i.triaged.why}" for i in important[:3]]
        count = "One looks" if len(important) == 1 else f"{len(important)} look"
        if left is not None:
            count = f"Of the {len(left)} left, {count.lower()}"
        return f"{count} important. {' Then '.join(n + '.' for n in named)}{also} Say read me, and the sender, to hear one."

    def can_wait(self, answered: frozenset[str] = frozenset()) -> str:
        """ "What can wait?": the emails that neither look important nor ask anything of the caller."""
        pool = [i for i in self.items if not i.gone and i.triaged.message.message_id not in answered]
        waiting = [i for i in pool if not self.looks_important(i) and not self.asks_something(i)]
        if not waiting:
            return "Each one left asks something of you." if pool else "There's nothing left to hear."
        owners = listed([f"{i.introduced}'s" for i in waiting])
        return f"{owners} can wait: {'it asks' if len(waiting) == 1 else 'they ask'} nothing of you."

    def who_wrote(
        self,
        pool: list[BriefingItem],
        *,
        subjects: bool,
        kept: Literal["", "people", "asking"] = "",
        left: bool = False,
    ) -> str:
        """ "Who's emailed me?": the senders of the emails in `pool`, in the briefing's order,
        with their subjects when the headlines were asked for; of people only, or of those who
        ask something of the caller, when `kept` says so."""
        here = [i for i in pool if not i.gone]
        if not here:
            return "There's nothing left to hear."
        chosen = [
            i
            for i in here
            if kept == ""
            or (kept == "people" and not i.triaged.automated)
            or (kept == "asking" and self.asks_something(i))
        ]
        rest = len(here) - len(chosen)
        if not chosen:
            return (
                "None of them are from people; they're all automated."
                if kept == "people"
                else "Nobody asks anything of you."
            )
        if subjects:
            said = " ".join(f"{i.introduced}: {ended(i.subject)}" for i in chosen)
        else:
            said = f"From {listed(list(dict.fromkeys(i.introduced for i in chosen)))}."  # Sarah once for two
        count = number_said(len(chosen)).capitalize()
        lead = {
            "": f"{count} {'left' if left else 'email' if len(chosen) == 1 else 'emails'}.",
            "people": f"{count} from people.",
            "asking": f"{count} {'asks' if len(chosen) == 1 else 'ask'} something of you.",
        }[kept]
        tail = ""
        if rest and kept == "people":
            tail = f" The other {number_said(rest)} {'is' if rest == 1 else 'are'} automated."
        elif rest and kept == "asking":
            tail = f" The other {number_said(rest)} {'needs' if rest == 1 else 'need'} nothing from you."
        return f"{lead} {said}{tail}"

    @staticmethod
    def asks_something(item: BriefingItem) -> bool:
        """Whether an email from a person asks a question of the caller or gives a deadline."""
        reasons = item.triaged.reasons
        asks = A_QUESTION in reasons or any(reason.startswith("due ") for reason in reasons)
        return asks and not item.triaged.automated and item.suspicion is None

    def summary(self, item: BriefingItem) -> str:
        warned = item.suspicion
        if item.held:  # the sender chose the marking: a phishing warning still comes first
            warning = f" {warned.warning}" if warned is not None else ""
            return f"From {item.introduced_in}: an email marked confidential.{warning} {item.held}"
        if (invitation := item.triaged.invitation) is not None and warned is None:
            clashes = [f"{other.meeting}, from {other.sender}" for other in self.clashes(item)]
            said = spoken_invitation(invitation, item.meeting, item.place, clashes)
            return f"From {item.introduced_in}: {said}"
        if warned is None:
            parts = [f"From {item.introduced_in}: {ended(item.subject)}"]
        else:  # the warning first; the attacker's urgency earns no "it's urgent"
            subject = (
                "I won't read its subject out." if "subject" in warned.places else f"Subject: {ended(item.subject)}"
            )
            parts = [f"From {item.introduced_in}.", warned.warning, subject]
        if said := gist(item.text):
            parts.append(said)
        # the question itself was just said: "a question for you" would only repeat it
        reasons = [r for r in item.triaged.reasons if not (r == A_QUESTION and "?" in said)]
        if reasons and warned is None:
            parts.append(f"It's {', '.join(reasons)}.")
        if withhold_secrets(item.text)[1]:  # the first sentence is part of the text
            parts.append("It contains a code I won't read out unless you ask.")
        return " ".join(parts)

    def clashes(self, item: BriefingItem) -> list[BriefingItem]:
        """The briefing's other invitations whose meetings overlap this one's."""
        mine = item.triaged.invitation
        if mine is None or mine.cancelled:
            return []
        return [
            other
            for other in self.items
            if other is not item
            and not other.held  # a confidential meeting is not named, nor its time given away
            and (theirs := other.triaged.invitation) is not None
            and not theirs.cancelled
            and mine.overlaps(theirs)
        ]

    def full(self, item: BriefingItem, reveal: bool = False) -> str:
        body = item.text or "It has no text."
        if not reveal:
            body, secret = withhold_secrets(body)
            if secret:
                body += " Say read the code if you need it."
        warning = f"{item.suspicion.warning} " if item.suspicion is not None else ""
        return f"{warning}Here's {item.sender}'s email in full. {body}"

    def announcement(self, item: BriefingItem, searching: bool = False) -> str:
        """New mail said at a pause: who and what, codes withheld, a warning where it is due;
        how to hear it (from a search's results: back to the briefing first)."""
        then = "Say back to my briefing, then next, to hear it." if searching else "Say next to hear it."
        if item.suspicion is not None:
            return f"New email from {item.introduced_in}. {item.suspicion.warning} {then}"
        return f"New email from {item.introduced_in}: {ended(item.subject)} {then}"

    # --- where the user left off, kept on the server between sessions ---------------------

    def save_place(self, path: Path) -> None:
        if self.current is not None:  # with nothing current, the last place stays
            RememberedMessage(path).remember(self.current.triaged.message.message_id)

    def last_place(self, path: Path) -> BriefingItem | None:
        """The email the user was on last time, if it is still in this briefing."""
        message_id = RememberedMessage(path).recall()
        return next((i for i in self.items if i.triaged.message.message_id == message_id), None)
