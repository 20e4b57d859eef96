"""Questions about the whole mailbox ("any emails about the budget?", "anything from Jamie this
week?"): what to ask the mail server for, and how what it found is said.

The search runs on the server (IMAP SEARCH); what it finds becomes a short briefing of its own,
and "back to my briefing" returns to the unread mail where it was left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from rapidfuzz import fuzz
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .spoken import listed

# When a question is about, as said: the first day it covers, from today.
WHEN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:today|this morning|this afternoon)\b"), "today"),
    (re.compile(r"\byesterday\b"), "since yesterday"),
    (re.compile(r"\b(?:this|the) week\b"), "this week"),
    (re.compile(r"\blast week\b"), "since last week"),
    (re.compile(r"\b(?:this|the) month\b"), "this month"),
    (re.compile(r"\bthe (?:last|past) (?:few|couple of) days\b"), "in the last few days"),
    # "Lately" reaches further back than "the last few days": a commuter asking after a person
    # means the past fortnight, not since Monday.
    (re.compile(r"\b(?:lately|recently|the (?:last|past) (?:few|couple of|two) weeks)\b"), "in the last two weeks"),
]
# "go back to my briefing", "back to the unread ones", "return to my inbox".
BACK_TO_BRIEFING = re.compile(
    r"\b(?:back to|return to|resume|continue with|carry on with) (?:my|the) "
    r"(?:briefing|inbox|unread(?: ones| emails| mail)?|(?:other |new )?emails|mail|list)\b"
)
# Words that say how to search or when, not what about.
NOT_A_TOPIC = frozenset(
    {"email", "emails", "mail", "mails", "message", "messages", "anything", "something", "stuff", "things"}
    | {"today", "yesterday", "week", "month", "morning", "afternoon", "lately", "recently", "last", "past"}
    | {"few", "couple", "days", "weeks", "two", "inbox", "mailbox", "search", "find", "look", "new", "old"}
    | {"came", "come", "got", "flagged", "starred"}
    | {"uh", "um", "uhm", "er", "erm", "like", "hmm"}
    | {"what's", "when's", "where's", "who's", "how's", "why's", "again", "whatever"}
)
# "What's urgent?", "anything important?": the briefing's important ones, not a search.
# What is left for later: "what can wait till I'm at my desk?", "which ones can I ignore?"
CAN_WAIT = re.compile(
    r"^(?:\W*\w+\W+){0,4}?(?:what|which(?: ones?| emails?| of (?:them|these|those|my emails))?|anything(?: else)?)"
    r"\s+(?:else\s+)?(?:can (?:wait|be left|keep)|(?:can|could) i (?:ignore|skip|leave(?! out)))\b"
    # "anything that isn't urgent?", "which ones aren't important?": of the emails, not "in here"
    r"|^(?!.*\b(?:in here|in it|in this|in that|of it|of this)\b)(?:\W*\w+\W+){0,4}?"
    r"(?:anything|what's|what is|which(?: ones?| emails?)?)\b[^?]*?\b(?:isn't|is not|aren't|are not|not) (?:urgent|important)\b"
)
URGENT = re.compile(
    r"(?:^(?:\W*\w+\W+){0,4}?|\b(?:if|whether) (?:there's |theres |there is )?)(?:what's|what is|anything|is there anything|any)\b"
    r".*\b(?:urgent|important|pressing|"
    # what the mail asks of the caller: "is there anything I actually need to do today?"
    r"(?:need|have|got|ought) to (?:do|deal with|handle|answer|reply to|respond to|action|sort|get done|take care of"
    r"|look at|worry about|chase)|needs? (?:my )?(?:attention|action|an answer|sorting|doing))\b"
)
# "Who's emailed me?", "what all mails are there", "just who", "the headlines": the briefing's
# senders listed, not a search (a question about the open email is "who's it from").
WHO_WROTE = re.compile(
    # a question that ends there ("who's emailed me?"), never "who sent me the invoice?"
    r"\bwho(?:'s| has| have| else has|'ve| else)? (?:e-?mailed|written|wrote|sent|messaged|mailed|emailed)"
    r"(?: (?:to )?me)?(?: (?:today|this morning|so far|lately|recently|then))?(?:,? (?:besides|apart from|other than|except) [\w' ,]+)?\W*$"
    r"|\bwho(?:'s| is)? (?:written|in there|in my inbox|on the list)\b|^(?:\W*\w+\W+){0,3}?who(?:'s| is| else is)? (?:left|still left|remaining)\b"
    r"|\bjust (?:(?:tell me |say )?who|the (?:names|senders|headlines|subjects))\b|\bthe (?:headlines|rundown)\b"
    r"|\b(?:a|the) (?:quick |brief |short )?(?:rundown|run-down|run down)\b(?! (?:of|on)\b)"  # "give us a quick rundown"
    r"|\b(?:what|which)(?: all| other)? (?:e-?mails|mails|messages)(?: have i got| do i have| (?:are|is) (?:there|in))\b"
    r"|\bwhat(?:'s| is| all is)? in (?:the|my) inbox\b|\bwhat(?:'ve| have) i got(?: (?:this morning|today|so far|in there))?\W*$"
    r"|\bwhat(?:'s| is) waiting(?: for me)?\b"
    r"|\bwhich (?:ones|of (?:those|these|them)) are (?:from|by) (?:real |actual )?(?:people|humans|persons)\b"
    r"|\b(?:anything|anyone|any e-?mails?|any mail) from (?:real |actual )?people\b"
)
# "What's in there for me today?", "what have you got for me?": the senders listed, asked with
# no email open (after one, "what's in there for me" asks of it; "what's in it for me" always does).
FOR_ME = re.compile(
    r"\bwhat(?:'s| is| all is)? (?:in there |there )?for me\b|\bwhat(?:'ve| have|'d| do) you (?:got|have) for me\b"
)
# Senders left out of the list asked for: "who else wrote, besides Sarah and Bob?"
BESIDES = re.compile(r"\b(?:besides|apart from|other than|except)\s+(?P<who>[\w' ,]+?)\W*$")
HEADLINES = re.compile(r"\b(?:headlines|subjects|what about|about what|what they're about|rundown|what all)\b")
# Of those who ask something of the caller: "anything from people I work with that needs an answer"
NEEDS_AN_ANSWER = re.compile(
    r"\b(?:needs?|want|wants|waiting (?:on|for)) (?:an? |my )?(?:answer|reply|response)\b|\bask(?:s|ing)? (?:me )?(?:something|anything)\b"
)
# "What have I got flagged?", "anything starred from Sarah?": the flagged mail, found on the server
# (not "is it flagged?", which asks of one email).
FLAGGED_ASKED = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|um|uh|hey|hmm|wait|right)\W+)*"
    r"(?:what(?:'s|s| is| are)|what(?:'ve| have| do) i (?:got|have)|what have i got|what i(?:'ve| have) got|anything|any|show me|list|read me"
    r"|which(?: ones| emails| messages| of (?:my|the) emails)? (?:are|is|have i|did i)"
    r"|how many(?: emails| ones| messages)?(?: are| have i| do i have)?|(?:do i have|have i got) any)"
    r"\s+(?:(?:my|the|any|got|been|still)\s+)*(?:flagged|starred)\b"
    r"(?: (?:emails?|mails?|messages?|ones?|today|so far|right now|now|at the moment|in my inbox|from \w+(?: \w+)?))*\W*$"
)
# "Did Sarah answer?", "has Bob got back to me?": her mail since the user's own last one to her.
ANSWERED = re.compile(
    r"\b(?:answer(?:ed)?|repl(?:y|ied)|respond(?:ed)?|get back|got back|gotten back|write back|wrote back)\b"
)
SAID_AT_MOST = 3  # results named in the answer; the rest are counted
SEARCHED = 6  # emails a search of the mailbox briefs at most (newest first)
# What a search is for, where no "about" says it: "search my mail for the contract", "anything on the offsite".
FOR_A_TOPIC = re.compile(
    r"\b(?:for|on|regarding|concerning|re)\s+(?:the\s+|that\s+|my\s+|any\s+|an?\s+)?(?P<topic>[a-z0-9][a-z0-9' -]*?)"
    r"(?:\s+(?:emails?|mails?|messages?|stuff|things?|ones?))?"
    r"(?:\s+(?:this|last|today|yesterday|lately|recently|in my|in the|from|by)\b.*)?[?.!]*$"
)
# Words of the asking, never of a name: "has Sarah gotten back", "did Bob reply".
ASKING = frozenset(
    {"this", "gotten", "got", "get", "back", "written", "wrote", "answered", "replied", "emailed", "sent"}
)
# Words that start no sender's name: "has anyone written", "look up emails", "is there".
NOT_A_SENDER = frozenset(
    {
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "everyone",
        "look",
        "there",
        "i",
        "you",
        "new",
        "which",
        "what",
        "ones",
    }
)


Found = TypeVar("Found")


@dataclass(frozen=True)
class Query:
    """What a question asks the mail server for."""

    who: str  # a spoken sender name, or ""
    words: tuple[str, ...]  # each in the subject or the text
    since: date | None
    when: str  # how the time was said ("this week"), or ""
    flagged: bool = False  # only flagged mail
    before: date | None = None  # the day after the one asked about ("what came in on Monday")

    @property
    def emails(self) -> str:
        """What is looked for, as a plural noun: "emails", "flagged emails"."""
        return "flagged emails" if self.flagged else "emails"

    @property
    def asked(self) -> str:
        """The question as it is said back: "about the budget from Sarah this week"."""
        parts = [f"about {' '.join(self.words)}" if self.words else "", f"from {self.who}" if self.who else ""]
        return " ".join(part for part in [*parts, self.when] if part)


# A day said of what the caller must do or answer, not of when mail came: "does Bob need an
# answer from me, like, today-ish?", "what's in there for me today?"
DAY_OF_A_NEED = re.compile(
    r"\b(?:need|needs|needed|want|wants|wanted|expect|expects|expecting|due|for me)"
    r"\b(?:\W+[\w'-]+){0,6}?\W+(?:today|this (?:morning|afternoon))\b"
)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# One day of arrival, by its name: "what came in on Monday", "Monday's emails", "anything sent on Tuesday".
ON_A_DAY = re.compile(
    # (not "anything sent about the release on Thursday?": the release's day)
    rf"\b(?:came|come|arrived|landed|got|received|sent|emailed)\b(?:(?!\b(?:about|regarding|re|for|on)\b)[^.?!]){{0,20}}?"
    rf"\bon (?:last )?(?P<day>{'|'.join(WEEKDAYS)})\b"
    rf"|\b(?P<owned>{'|'.join(WEEKDAYS)})'s (?:e-?mails?|mail|messages)\b"
)


def day_named(said: str, today: date) -> tuple[date, str] | None:
    """The one day of arrival a question names ("what came in on Monday": the last Monday, a
    week ago if today is Monday, which is "today"), and how it was said; None when it names none."""
    found = ON_A_DAY.search(said.lower())
    if found is None:
        return None
    name = found["day"] or found["owned"]
    back = (today.weekday() - WEEKDAYS.index(name)) % 7 or 7
    return today - timedelta(days=back), f"on {name.capitalize()}"


def first_day(said: str, today: date) -> tuple[date | None, str]:
    """The first day a question covers ("this week": Monday), and how it was said; none where
    the day is when something is needed."""
    text = DAY_OF_A_NEED.sub(" ", said.lower())
    for pattern, when in WHEN:
        if pattern.search(text):
            start = {
                "today": today,
                "since yesterday": today - timedelta(days=1),
                "this week": today - timedelta(days=today.weekday()),
                "since last week": today - timedelta(days=today.weekday() + 7),
                "this month": today.replace(day=1),
                "in the last few days": today - timedelta(days=4),
                "in the last two weeks": today - timedelta(days=14),
            }[when]
            return start, when
    return None, ""


# "Find the standup notes", "pull up the contract from Acme": what is found is the topic.
FIND_A_TOPIC = re.compile(
    r"^(?:(?:can you|could you|please|ok|okay|so|and|now|just)\s+)*(?:find|look up|pull up|dig up|dig out|locate|fetch)\s+"
    r"(?:me\s+)?(?:the\s+|that\s+|my\s+|an?\s+)?"
    r"(?P<topic>(?!(?:the|that|my|an?|latest|newest|last|recent|new|old|email|mail|message|one|something|anything|it|them)\b)[a-z0-9][a-z0-9' -]*?)"
    r"(?:\s+(?:emails?|mails?|messages?|ones?))?(?:\s+(?:this|last|today|yesterday|lately|recently|in my|in the|from|by)\b.*)?[?.!]*$"
)  # not "find the latest from Sarah", which is hers


def topic_said(said: str) -> str:
    """What a search is for, said after "for" or "on" ("search my mail for the contract"), or
    as what to find ("find the standup notes")."""
    found = FOR_A_TOPIC.search(said.lower()) or FIND_A_TOPIC.search(said.lower().strip())
    return found.group("topic") if found else ""


def query(who: str, topic: str, said: str, today: date) -> Query:
    """The search a question asks for, from its slots and its words."""
    since, when = first_day(said, today)
    before = None
    if (one_day := day_named(said, today)) is not None:
        since, when = one_day
        before = since + timedelta(days=1)
    who_words = who.split()
    if who_words[:1] and who_words[0] in NOT_A_SENDER:
        who_words = []
    who = " ".join(w for w in who_words if w not in NOT_A_TOPIC and w not in ASKING)  # "jamie today", "sarah gotten"
    spoken = re.findall(r"[^\W_][\w'-]*", topic.lower())  # letters of any language: "zürich"
    said_of_when = set(when.lower().split())  # "what came in on Monday": no mail about "monday"
    words = tuple(
        w
        for w in spoken
        if len(w) > 1
        and w not in ENGLISH_STOP_WORDS
        and w not in NOT_A_TOPIC
        and w not in who.split()  # "what about anything from HR": from HR, not about "hr" too
        and w not in said_of_when
    )
    return Query(who, words, since, when, flagged=bool(FLAGGED_ASKED.search(said.lower())), before=before)


def spoken_day(when: datetime | None, today: date) -> str:
    """When an email came, as said: "today", "yesterday", "on Monday", "on November 3"."""
    if when is None:
        return ""
    day = when.astimezone().date()
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    if today - day < timedelta(days=7):
        return f"on {day.strftime('%A')}"
    return f"on {day.strftime('%B')} {day.day}"


def found_said(asked: Query, found: list[tuple[str, str, str]], more: bool = False) -> str:
    """What the search found, as said: how many (`more`: there are more than these, the
    newest), and who sent the first few, about what, and when (each a (sender, subject,
    day)); nothing found is said so."""
    about = f" {asked.asked}" if asked.asked else ""
    if not found:
        return f"I don't see any {asked.emails.removesuffix('s')}{about}."
    named = [f"{sender}'s, {subject or 'with no subject'}, {day}".rstrip(", ") for sender, subject, day in found]
    unsaid = len(found) - SAID_AT_MOST
    rest = f", and {unsaid} more" if unsaid > 0 else ""
    count = (
        f"more than {len(found)} {asked.emails}{about}; the newest" if more else f"{len(found)} {asked.emails}{about}"
    )
    if len(found) == 1:
        count = count.replace(asked.emails, asked.emails.removesuffix("s"))
    return (
        f"I found {count}: {listed(named[:SAID_AT_MOST])}{rest}. "
        "Shall I read the first? Say back to my briefing when you're done."
    )


def most_words(
    words: Sequence[str], found: Sequence[Sequence[Found]], key: Callable[[Found], Hashable]
) -> tuple[tuple[str, ...], list[Found]]:
    """Where no email holds every word asked about ("Bob ... the release date"): from what each
    word found on its own (`found[i]` for `words[i]`), the emails holding the most of them, and
    the words those hold. A commuter's words are not a query: one the mail lacks ("date") must
    not hide the email the others name."""
    held: dict[Hashable, tuple[Found, set[str]]] = {}
    for word, messages in zip(words, found, strict=True):
        for message in messages:
            held.setdefault(key(message), (message, set()))[1].add(word)
    if not held:
        return (), []
    most = max(len(had) for _, had in held.values())
    kept = [(message, had) for message, had in held.values() if len(had) == most]
    return tuple(w for w in words if any(w in had for _, had in kept)), [message for message, _ in kept]


# How alike a word searched for and a word of a briefed subject must be to ask whether the one
# was meant ("website" and "offsite": 57); asked, never searched in its place.
HEARD_ALIKE_SCORE = 55


def heard_for(words: Sequence[str], subjects: Sequence[str]) -> tuple[str, str] | None:
    """Where a search found nothing: a word searched for and the word of the one subject that
    is like it, as a recognizer mishears one ("anything about the website?" for the offsite);
    None when no subject's word is alike, or several subjects' are."""
    found: dict[int, tuple[float, str, str]] = {}
    if any(word in re.findall(r"[a-z]+", subject.lower()) for subject in subjects for word in words):
        return None  # a subject holds the word itself: nothing was misheard
    for at, subject in enumerate(subjects):
        for near in re.findall(r"[a-z]{5,}", subject.lower()):
            for word in (w for w in words if len(w) >= 4):
                score = fuzz.ratio(word, near)
                if score >= HEARD_ALIKE_SCORE and score > found.get(at, (0.0, "", ""))[0]:
                    found[at] = (score, word, near)
    if len(found) != 1:
        return None
    [(_, word, near)] = found.values()
    return word, near
