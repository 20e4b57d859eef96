"""Reply text written by the LLM in the user's voice, checked before anyone hears it.

The model turns "reply to Sarah saying I'll have it by Friday" into a short, polite reply
and rewrites a draft on request ("make it shorter"). What it returns is used only when it
keeps the facts the user said (days, dates, times, numbers) and most of their words, and stays
short; otherwise the
caller falls back to the user's own words. A small model often fails these checks, and a
wrong fact in a sent email costs more than a plain sentence.
"""

from __future__ import annotations

import re
from typing import Any

from livekit.agents import llm

from .quoting import inline

MAX_WORDS = 80  # a reply a driver can hear and judge in one go
COMPOSE = """\
You write short email replies for a busy person, in their voice (first person).
Write only the reply's body: one to three plain sentences, polite and direct.
Keep every fact, day, time, number and name they said. Add no facts of your own.
No greeting line, no sign-off, no subject, no quotes.
"""
REWRITE = """\
You edit a short email reply for a busy person. Apply their request to the text.
Keep every fact, day, time, number and name. Add no facts of your own.
Answer with the edited text only: no greeting line, no sign-off, no quotes, no comments.
"""
# Words that carry the facts of a reply: a model that drops or invents one is not used.
FACT = re.compile(
    r"\b(?:\d[\d:.,/]*(?:am|pm)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|tomorrow|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|noon|midnight)\b",
    re.IGNORECASE,
)


def facts(text: str) -> set[str]:
    return {match.lower() for match in FACT.findall(text)}


def keeps_facts(source: str, written: str) -> bool:
    """Every fact of the source is in the written text, and no new one was made up."""
    return facts(source) == facts(written)


def tidy(text: str) -> str:
    """The model's answer as plain sentences: no quotes, greeting or sign-off lines."""
    lines = [line.strip().strip('"') for line in text.strip().splitlines() if line.strip()]
    lines = [
        line
        for line in lines
        if not re.match(
            r"^(?:hi|hello|dear|hey)\b.{0,30},?$|^(?:best|thanks|regards|cheers|sincerely)\b.{0,30}$",
            line,
            re.IGNORECASE,
        )
    ]
    return " ".join(lines).strip()


async def complete(model: llm.LLM[Any], system: str, prompt: str) -> str:
    chat = llm.ChatContext.empty()
    chat.add_message(role="system", content=system)
    chat.add_message(role="user", content=prompt)
    parts: list[str] = []
    async with model.chat(chat_ctx=chat) as stream:
        async for chunk in stream:
            if chunk.delta and chunk.delta.content:
                parts.append(chunk.delta.content)
    return "".join(parts)


# A polite rewrite keeps what the user was talking about: most of their content words survive
# it, inflected or not. SmolLM2 wrote "I'm afraid of the future, but I will try to find a way to
# meet that goal." for "the build is fixed"; no fact was lost because there was none to lose.
# A negation counts as a word of its own: a rewrite that loses it says the opposite.
ADDED_WORDS = 4  # content words a write-up may add to a short dictation ("thanks", "let you know")
KEPT_SHARE = 2 / 3
NEGATION = re.compile(r"^(?:not|no|never|cannot|\w+n't)$")


# Words that carry no content of their own (scikit-learn's list holds "call", "back", "find").
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "so",
        "if",
        "then",
        "than",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "about",
        "as",
        "into",
        "up",
        "out",
        "over",
        "is",
        "am",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "just",
        "also",
        "very",
    ]
)


def _stem(word: str) -> str:
    """ "numbers"/"number", "fixed"/"fix", "flagged"/"flag": enough to see the same word inflected."""
    if len(word) <= 4 or (stem := re.sub(r"(?:ing|ed|es|s)$", "", word)) == word:
        return word
    return re.sub(r"([bdgkmnprt])\1$", r"\1", stem)  # "flagged"/"flag", "planned"/"plan"; "filled" keeps its "ll"


def content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z][a-z']+", text.lower().replace("’", "'"))
    kept = {"not" for w in words if NEGATION.match(w)}
    for word in words:
        base = word.split("'")[0]  # "i'll", "we're": the pronoun's
        if not NEGATION.match(word) and base not in FUNCTION_WORDS and len(base) > 1:
            kept.add(_stem(base))
    return kept


def keeps_the_words(source: str, written: str, share: float = KEPT_SHARE) -> bool:
    """At least `share` of what the source is about is still in the written text, and it is
    negated only if the source is."""
    said, kept = content_words(source), content_words(written)
    if ("not" in said) != ("not" in kept):
        return False  # a negation lost or added turns the reply around
    return not said or len(said & kept) >= share * len(said)


def adds_little(source: str, written: str) -> bool:
    """A write-up of dictated words says little they did not: a polite word or two, never a new
    promise ("I'm going to send a text to your address", as a small model once wrote)."""
    said = content_words(source)
    return len(content_words(written) - said) <= max(ADDED_WORDS, len(said))


def _acceptable(source: str, written: str, share: float = KEPT_SHARE) -> bool:
    return (
        bool(written)
        and len(written.split()) <= MAX_WORDS
        and keeps_facts(source, written)
        and keeps_the_words(source, written, share)
        and (share != KEPT_SHARE or adds_little(source, written))  # a request's reply may say more
    )


# A request ("something nice about the release") is not the reply's words: only what it is
# about need come back.
REQUEST_SHARE = 1 / 4


async def compose_reply(
    model: llm.LLM[Any], subject: str, sender: str, dictated: str, share: float = KEPT_SHARE
) -> str | None:
    """The reply the model wrote from what the user dictated (or asked for, with
    `share=REQUEST_SHARE`), or None if it is not usable."""
    prompt = f'They are replying to {inline(sender)} about "{inline(subject)}".\nWhat they want to say: {dictated}'
    written = tidy(await complete(model, COMPOSE, prompt))
    return written if _acceptable(dictated, written, share) else None


async def rewrite(model: llm.LLM[Any], text: str, request: str) -> str | None:
    """The draft text changed as asked ("make it shorter"), or None if the result is not usable."""
    written = tidy(await complete(model, REWRITE, f"Request: make it {request}.\nText: {text}"))
    shorter = request.startswith("short")
    if shorter and len(written) >= len(text):
        return None
    # a shorter text drops words by design: its facts and negation must stay all the same
    return written if _acceptable(text, written, share=0.0 if shorter else 1 / 2) else None


# "change Thursday to Friday", "replace 10:30 with 10:40", "make it Friday instead of Thursday"
_TAKE_OUT = r"(?:take out|taking out|cut out|drop|remove|cut|lose|get rid of|leave out|delete|scratch|strike|nix|ditch)"
WORD_SWAPS = [
    re.compile(r"\b(?:change|switch|swap) (?:the )?(?P<old>[\w:' ]+?) (?:to|for) (?P<new>[\w:' ]+)$"),
    re.compile(r"\breplace (?:the )?(?P<old>[\w:' ]+?) with (?P<new>[\w:' ]+)$"),
    re.compile(r"\b(?:make (?:it|that) )?(?P<new>[\w:' ]+?) instead of (?P<old>[\w:' ]+)$"),
    # "oh no, make that Friday not Thursday", "say eleven, not ten"
    # one word for one word only: "make it clear it's not urgent" swaps nothing
    re.compile(r"\b(?:make (?:it|that)|say|put|it's|should be) (?P<new>[\w:']+),? not (?P<old>[\w:']+)$"),
    # "yeah but say friday morning not thursday": a few words for a day or a time
    re.compile(
        r"\b(?:make (?:it|that)|say|put|it's|should be) (?P<new>(?:[\w:']+ ){1,2}[\w:']+),? not "
        r"(?P<old>(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|tonight|noon|\d[\d:]*(?: ?[ap]\.? ?m\.?)?)$"
    ),
    # "no, not ten forty, make it eleven forty": what it is not, then what it is
    re.compile(
        r"(?:^|\bno )not (?P<old>[\w:' ]+?),? (?:make (?:it|that)|say|it's|it should be|should be) (?P<new>[\w:' ]+)$"
    ),
    # "sorry, I said Thursday, I meant Friday morning"
    re.compile(r"\bi (?:said|put) (?P<old>[\w:' ]+?),? (?:but )?i (?:meant|mean|wanted) (?P<new>[\w:' ]+)$"),
    # "take out this morning, just say today"
    re.compile(
        rf"(?<!\byou )(?<!\bit )\b{_TAKE_OUT} (?:the )?(?P<old>[\w:' ]+?),? (?:and |then )?(?:just )?(?:say|put|write|use|make it) (?P<new>[\w:' ]+)$"
    ),
]
# "take out the bit about the slides", "drop this morning": words taken out of the draft ("you cut
# out" is the line, never an edit)
WORDS_OUT = re.compile(
    rf"(?<!\byou )(?<!\bit )\b{_TAKE_OUT} (?:(?P<part>the (?:bit|part|line|sentence) )(?:about |saying |that says )?|the words? )?"
    r"(?P<old>(?!(?:it|that|this|them|all|everything|the last \w+)(?: please)?$|(?:it|that|this) (?:down|short|back)\b|(?:it|that|this) (?:and )?(?:don't|dont|do not|never|no need|forget)\b|(?:the|that|this|my) (?:whole )?(?:draft|reply|email|message|thing)\b)"
    r"[\w:' ]+?)(?: please)?$"
)


# "actually make that I'll send the slides over the day before": one part of the draft said anew
CLAUSE_ANEW = re.compile(
    r"\b(?:make|change) (?:that|it|the last bit|the last part|that bit|that part)(?: to)? "
    r"(?P<new>(?:i|i'll|i'm|i've|we|we'll|we're|it's|can|could|let's|please|no|yes)\b[\w:' ]+)$"
)
# Where a draft's parts meet: sentence ends, commas, "and".
_PARTS = re.compile(r"(?<=[.!?])\s+|,\s*(?:and\s+)?(?:that\s+)?|\s+and\s+(?:that\s+)?")


def says_a_part_anew(request: str) -> bool:
    """Whether the request says one part of the draft anew ("make that I'll ...")."""
    return CLAUSE_ANEW.search(_plain(request)) is not None


def clause_anew(text: str, request: str) -> str | None:
    """The text with the part that shares most words with the new words made them ("I'll bring
    slides" -> "I'll send the slides over the day before"); None when the request does not say
    a part anew, or no part shares a word with it."""
    found = CLAUSE_ANEW.search(_plain(request))
    return part_made(text, found.group("new")) if found else None


def part_made(text: str, new: str) -> str | None:
    """The text with the part that shares most words with `new` made it; None when no part
    shares a word with it."""
    new = re.sub(r"\bi\b", "I", new)  # said lower-cased; "I" as written
    starts = [0, *(m.end() for m in _PARTS.finditer(text))]
    ends = [*(m.start() for m in _PARTS.finditer(text)), len(text)]
    spans = list(zip(starts, ends, strict=True))
    shared = [len(content_words(new) & content_words(text[a:b])) for a, b in spans]
    if not shared or max(shared) == 0:
        return None
    start, end = spans[shared.index(max(shared))]
    part = text[start:end]
    said = new[:1].upper() + new[1:] if start == 0 or text[:start].rstrip()[-1:] in ".!?" else new
    return text[:start] + said + (part[-1] if part[-1:] in ".!?" else "") + text[end:]


def words_out(request: str) -> str | None:
    """The words to take out of a draft, when the request asks only that."""
    said = _plain(request)
    return None if word_swap(request) else (_inner(found.group("old")) if (found := WORDS_OUT.search(said)) else None)


def _inner(old: str) -> str:
    """ "the pretty much part" -> "pretty much": the words, without what calls them a part."""
    return re.sub(r"^(?:the )?(.+?) (?:part|bit|words?)$", r"\1", old)


def without_words(text: str, request: str) -> str | None:
    """The text without the words the request takes out, or without the whole part that holds
    them when it asks for "the bit about ..." ("I'll bring slides on Friday" goes whole); None
    when the text does not hold them."""
    found = WORDS_OUT.search(_plain(request))
    if found is None or word_swap(request):
        return None
    old = found.group("old")
    # "the bit about the slides" is about "slides" wherever the draft says it
    tried = (old, old.removeprefix("the "), old.split()[-1]) if found.group("part") else (old, _inner(old))
    at = next((m for w in tried if (m := re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE))), None)
    if at is None:
        return None
    start, end = at.span()
    seps = list(_PARTS.finditer(text))
    before = [m for m in seps if m.end() <= start]
    after = [m for m in seps if m.start() >= end]
    # "the bit about the slides", "the slides bit": the whole part, and the separator on one side
    # (a part named by one word is the part about it; "the pretty much part" is those words)
    part = found.group("part") or re.fullmatch(r"(?:the )?\w+ (?:bit|part|line|sentence)", old)
    if part and (before or after):
        start, end = (before[-1].start(), after[0].start() if after else len(text)) if before else (0, after[0].end())
    kept = text[:start] + text[end:]
    kept = re.sub(r"\s+([,.;!?])", r"\1", " ".join(kept.split())).strip(" ,;")
    if kept and kept[-1] not in ".!?" and text.rstrip()[-1:] in ".!?":
        kept += text.rstrip()[-1]
    return kept or None


# A time the recognizer wrote as a bare number ("1040 works", "at 930"): written as a time.
BARE_TIME = re.compile(
    r"\b(?:(?P<before>at|by|around|until|till|from|before|after|do) )?(?P<hour>1[0-2]|[1-9])(?P<minute>[0-5]\d)\b"
    r"(?P<after> (?:works|is (?:fine|good|ok|okay)|am|pm|a\.m\.|p\.m\.|o'clock)\b)?"
)


def clock_times(text: str) -> str:
    """ "1040 works for me" -> "10:40 works for me": a bare number where a time is said (after
    "at", "by", ... or before "works", "pm", ...); other numbers stay as they are."""

    def written(found: re.Match[str]) -> str:
        if not (found.group("before") or found.group("after")):
            return found.group(0)
        before = f"{found.group('before')} " if found.group("before") else ""
        return f"{before}{found.group('hour')}:{found.group('minute')}{found.group('after') or ''}"

    return BARE_TIME.sub(written, text)


def _plain(request: str) -> str:
    """A request as its patterns read it: lower case, words, times and apostrophes only."""
    return " ".join(re.sub(r"[^\w:' ]", " ", request.lower()).split())


# "change it to say can we do eleven", "make the note say ...": the whole text said anew
SAID_ANEW = re.compile(
    r"\b(?:change|make|rewrite|edit|have)\s+(?:it|that|this|the (?:reply|draft|note|email|message|text))\s+"
    r"(?:to\s+)?(?:say|says|saying|read)\s+(?:that\s+|instead\s+)?(?P<words>.+?)(?:\s+instead)?$|"
    # the new words after a colon: "correct it: I can come, but I'd prefer 11"
    r"^(?:\w+\W+){0,2}?(?:correct|change|fix|rewrite|edit|make)\s+(?:it|that|this|the (?:reply|draft|text))(?:\s+to)?\s*:\s*(?P<after>.+)$|"
    # the words taken back and said again: "hmm no, say FYI, release might slip"
    r"^(?:(?:hmm+|uh+|um+|oh|actually|wait)\W+)*(?:no|nah)\W+(?:actually\W+)?(?:just\s+|instead\s+)?say\s+(?P<again>.+?)(?:\s+instead)?$|"
    # "say could we do eleven instead", "ok but just say we'll be there instead"
    r"^(?:(?:hmm+|uh+|um+|oh|ok|okay|yeah|yes|sure|right|fine|alright|i guess|actually|wait|but|so|then)\W+)*"
    r"(?:just\s+)?say\s+(?P<instead>.+?)\s+instead$"
)


def said_anew(request: str) -> str | None:
    """The words a draft's whole text should now be, when the request dictates them anew."""
    found = SAID_ANEW.search(_plain(request))
    return (found["words"] or found["after"] or found["again"] or found["instead"]) if found else None


def said_instead(request: str) -> str | None:
    """The words of "say X instead", "no, say X": said in place of what was said last, which may
    be one part of the draft rather than all of it."""
    found = SAID_ANEW.search(_plain(request))
    return (found["again"] or found["instead"]) if found else None


# "say eleven would be better if she can move it", with a draft read back: its words said again,
# whole ("say it again" is the read-back; "and say ..." adds)
SAID_WHOLE_AGAIN = re.compile(
    r"^(?:(?:hmm+|uh+|um+|oh|ok|okay|yeah|yes|sure|right|fine|alright|actually|wait|so|then|no|nah)\W+)*"
    r"(?:just\s+|rather\s+)?say\s+(?!(?:it|that|this|again|what|the|yes|no|so)\b)(?P<words>\w.+)$"
)


def said_whole_again(request: str) -> str | None:
    """The words of a draft dictated again with "say ...", when the request is no swap of words."""
    found = SAID_WHOLE_AGAIN.search(_plain(request))
    return found["words"] if found and not word_swap(request) and not says_a_day_alone(request) else None


# What "change it to say Thursday instead" swaps: a weekday, or a time ("ten", "10:40", "3pm").
_WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.IGNORECASE)
_TIME = re.compile(r"^(?:\d{1,2}(?::\d\d)?(?:am|pm)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)$")


def swapped_in_kind(text: str, words: str) -> str | None:
    """ "change it to say Thursday instead": the text's one weekday (or time) made the new one,
    when the words said anew are only that and the text holds just one of its kind; else None."""
    said = words.split()
    if not said or not (len(said) == 1 or said[1] in ("instead", "then", "please")):
        return None
    new = said[0]
    kind = next((k for k in (_WEEKDAY, _TIME) if k.match(new)), None)
    if kind is None:
        return None
    olds = {w for w in re.findall(r"[\w:]+", text) if kind.match(w) and w.lower() != new.lower()}
    if len(olds) != 1:
        return None
    return swapped_words(text, olds.pop(), new.capitalize() if kind is _WEEKDAY else new)


# "make it Monday instead", "say ten instead": one weekday or time for the draft's one of its kind
# (a condition said after it is the caller's aside: "make it 11 instead if she can swing it")
IN_KIND_INSTEAD = re.compile(
    r"\b(?:make (?:it|that)|say|put|go (?:with|for))\s+(?P<new>[\w:]+)\s+instead"
    r"(?:\s+(?:if|assuming|provided|as long as)\s+(?:she|he|they|that|it|possible|you)\b.*)?$"
)
# "no, go back to Thursday", "change it back to ten forty": what an edit took out, put back
BACK_TO = r"(?:go|change it|put it|switch it|set it|make it)?\s*back to"
# "... I got confused", "... my bad": the caller's words about themselves after the change
SELF_BLAME = r"(?:\s+(?:i got confused|i was confused|i misspoke|my (?:bad|mistake)|sorry|i'm wrong|silly me)\b.*)?"
# A clock time as said or written: "twelve fifteen", "10:30", "three pm", "noon".
_HOUR = r"(?:(?:1[0-2]|0?[1-9])(?::\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNITS = r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
_MINUTES = rf"(?:o'clock|oh (?:one|two|three|four|five|six|seven|eight|nine)|fifteen|(?:twenty|thirty|forty|fifty){_UNITS}|\d\d)"
CLOCK_TIME = rf"(?:{_HOUR}(?: {_MINUTES})?(?: ?(?:am|pm))?|noon|midday)"
# "make it twelve fifteen", "make that 10:30": a time said alone, for the draft's one time
TIME_MADE = re.compile(
    rf"\b(?:make (?:it|that)|change (?:it|that) to|go (?:with|for)|how about|{BACK_TO})\s+(?:at\s+)?(?P<new>{CLOCK_TIME})"
    rf"(?:\s+(?:instead|then|please|again))?{SELF_BLAME}$"
)


# A number said with what it counts: "fifteen minutes", "3 days", "twenty people".
NUMBER = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred)"
AMOUNT_MADE = re.compile(
    rf"\b(?:make (?:it|that)|change (?:it|that) to|go (?:with|for)|how about)\s+(?P<number>{NUMBER})\s+(?P<unit>[a-z]+)"
    rf"(?:\s+(?:instead|then|please))?{SELF_BLAME}$"
)


def amount_made(text: str, request: str) -> str | None:
    """ "sorry, make it fifteen minutes": the text's one number of that unit ("ten minutes") made
    the new one; None when the text holds none of that unit, or several."""
    found = AMOUNT_MADE.search(_plain(request))
    if found is None:
        return None
    unit = found["unit"].rstrip("s")
    olds = re.findall(rf"\b({NUMBER})\s+({re.escape(unit)}s?)\b", text, re.IGNORECASE)
    if len(olds) != 1:
        return None
    number, said_unit = olds[0]
    return swapped_words(text, f"{number} {said_unit}", f"{found['number']} {found['unit']}")


# A day as a reply says it, with the part of the day said with it: "Friday morning", "Thursday end of day".
DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|tonight"
A_DAY_SAID = re.compile(
    rf"\b(?:{DAY})\b(?:\s+(?:end of (?:the )?day|eod|morning|afternoon|evening|night|noon|lunchtime))?",
    re.IGNORECASE,
)
# "wait no, make that Thursday", "change it to Thursday evening": a day said alone, for the draft's one day
DAY_MADE = re.compile(
    rf"\b(?:make (?:it|that)|change (?:it|that) to|go (?:with|for)|how about|move it to|push it to|{BACK_TO})\s+"
    rf"(?:on\s+|by\s+)?(?P<new>{A_DAY_SAID.pattern})(?:\s+(?:instead|then|please|again))?"
    # "make it Friday morning not Thursday, I'm kidding myself": the day it replaces named after it
    rf"(?:\s+(?:not|instead of|rather than)\s+(?:{DAY})\b.*)?{SELF_BLAME}$"
)


_TIME_WITH_THE_DAY = re.compile(r"\s+(?:by|at|before|around)\s+(?:noon|midday|\d{1,2}(?::\d\d)?(?:\s?[ap]m)?)\b", re.I)


def says_a_day_alone(request: str) -> bool:
    """Whether a request puts one day in place of the draft's ("no, make that Tuesday")."""
    return DAY_MADE.search(_plain(request)) is not None


def day_made(text: str, request: str) -> str | None:
    """ "make that Thursday": the draft's one day (with its part of the day) made the one said;
    None when the request says no day alone or the draft holds none, or more than one."""
    found = DAY_MADE.search(_plain(request))
    days = list(A_DAY_SAID.finditer(text))
    if found is not None and _WEEKDAY.match(found["new"].split()[0]):
        days = [d for d in days if _WEEKDAY.match(d.group().split()[0])]  # "Thursday" replaces "Friday", not "today"
    if found is None or len(days) != 1:
        return None
    first, *rest = found["new"].split()
    rest = rest or days[0].group().split()[1:]  # "Wednesday noon" made "Tuesday": its part of the day kept
    end = days[0].end()
    if found["new"].split()[1:] and (its_time := _TIME_WITH_THE_DAY.match(text, end)):
        end = its_time.end()  # "Friday by noon" made "Thursday end of day": the new part of the day only
    return f"{text[: days[0].start()]}{' '.join([first.capitalize(), *rest])}{text[end:]}"


def in_kind_instead(request: str) -> str | None:
    """The one word a request puts in place of the draft's word of its kind, where it says only that."""
    found = IN_KIND_INSTEAD.search(_plain(request))
    return found.group("new") if found else None


def time_made(text: str, request: str) -> str | None:
    """ "make it twelve fifteen": the draft's one clock time made the one said; None when the
    request says no time alone or the draft holds no time, or more than one."""
    found = TIME_MADE.search(_plain(request))
    if found is None:
        return None
    # "at twelve thirty", "at like twelve fifteen", "around ten", "by 5 today", "before noon", "moving to ten"
    after_at = r"(?:(?<=\bat )|(?<=\bat like )|(?<=\bat about )|(?<=\baround )|(?<=\bby )|(?<=\bbefore )|(?<=\buntil )|(?<=\bmoving to )|(?<=\bmoved to ))"
    times = list(re.finditer(rf"(?<![\w:]){after_at}{CLOCK_TIME}(?![\w:]|\.\d)", text, re.IGNORECASE))
    if len(times) != 1:
        return None  # "at" before it: "at twelve thirty", not "two options"
    old, new = times[0], found["new"]
    # a bare number is a time only for a bare hour: "make it three" of "at 10:40 with two people" is a count
    if re.fullmatch(
        r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}", new
    ) and not re.fullmatch(
        r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}", old.group(), re.IGNORECASE
    ):
        return None
    return text[: old.start()] + new + text[old.end() :]


# "Not really, it's ok, send it", "not yet, say thanks": a manner of speaking, no words swapped.
NOT_A_SWAP = re.compile(r"^(?:really|yet|now|sure|quite|exactly|much|bad|too bad|at all|that|this|it)$|\bsend\b")


def word_swap(request: str) -> tuple[str, str] | None:
    """The words to take out of a draft and the words to put in, when the request says both."""
    said = _plain(request)
    for pattern in WORD_SWAPS:
        if (match := pattern.search(said)) is not None:
            old, new = match.group("old").strip(), match.group("new").strip()
            if NOT_A_SWAP.search(old) or NOT_A_SWAP.search(new):
                return None
            return old, new
    return None


def swapped_words(text: str, old: str, new: str) -> str | None:
    """The text with its first `old` (whole words, any case) made `new`, capitalised as `old`
    was; None when the text does not hold `old`."""
    pattern = re.escape(old)
    clock = re.fullmatch(r"(\d{1,2})[.:]?(\d{2})", old)
    if clock and not re.search(rf"(?<!\w){pattern}(?!\w)", text):  # "1030" heard now, "10.30" in the draft
        pattern = rf"{clock[1]}[.:]{clock[2]}"
    match = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE)
    if match is None and len(words := re.findall(r"\w+", old)) > 1:
        # "5 p m" as the request's words, "5 p.m." as the draft writes it: the same words
        between = r"\W{0,2}(?:(?:at|on|by)\W{1,2})?"  # "Wednesday 5 p m" of "Wednesday at 5 p.m."
        match = re.search(r"(?<!\w)" + between.join(map(re.escape, words)) + r"(?!\w)", text, re.IGNORECASE)
        if match is not None and re.search(r"\b[ap]\.m\b", match.group(), re.IGNORECASE):
            new = re.sub(r"\b([ap]) m\b", r"\1.m", new, flags=re.IGNORECASE)
    if match is None:
        return None
    part_of_day = r"(?:morning|afternoon|evening|night|noon|lunchtime)"
    if re.search(rf"\b{part_of_day}$", new) and (then := re.match(rf"\s+{part_of_day}\b", text[match.end() :])):
        match = re.search(re.escape(text[match.start() : match.end() + then.end()]), text)  # "Thursday evening": both
        assert match is not None
    separator = re.search(r"[.:]", match.group())
    if separator and (bare := re.fullmatch(r"(\d{1,2})(\d{2})", new)):  # "1140" written as the draft writes times
        new = f"{bare[1]}{separator.group()}{bare[2]}"
    put = new[:1].upper() + new[1:] if match.group()[:1].isupper() else new
    return text[: match.start()] + put + text[match.end() :]


# Asked for in an edit without new words: shorter, or warmer.
SHORTER_ASKED = re.compile(
    r"\b(?:short|shorter|shorten|trim|cut (?:it|that) down|brief|briefer|concise|tighten|less wordy)\b"
)
FRIENDLIER_ASKED = re.compile(
    r"\b(?:friendly|friendlier|warm|warmer|nicer|kinder|less (?:stiff|formal|curt|blunt|cold)|softer|more polite)\b"
)
# What a shorter reply does without: a filler that opens a sentence ("Yeah, ...", "I think ..."),
# and a hedge set apart by commas (", basically,"); never a word inside the sentence's sense.
_OPENING_FILLER = re.compile(
    r"^(?:(?:yeah|yep|well|ok|okay|basically|honestly|actually|i think|i guess|to be honest)\b,?\s+)+(?=\w)",
    re.IGNORECASE,
)
_HEDGE = r"(?:basically|honestly|literally|i think|i guess|to be honest)"
_HEDGE_APART = re.compile(rf",\s*{_HEDGE}\s*,\s*|,\s*{_HEDGE}\s*(?=[.!?]|$)", re.IGNORECASE)
# Sentences that are only courtesy: "Thanks for your email.", "Let me know if you need anything else."
_COURTESY = re.compile(
    r"^(?:thanks(?: so much| a lot)?(?: for (?:your|the) (?:email|message|note))?|hope (?:you're|you are) (?:well|doing well)|"
    r"let me know if (?:you need|there's|there is) anything(?: else)?|hope (?:this|that) helps|have a (?:good|great|nice) day)[.!]?$",
    re.IGNORECASE,
)
_SORRY = re.compile(r"\b(?:sorry|loss|condolences|sad|passed away|unfortunately|regret)\b", re.IGNORECASE)
_THANKED = re.compile(r"\b(?:thanks|thank you|cheers|appreciate)\b", re.IGNORECASE)


def shortened(text: str) -> str | None:
    """The reply without what carries nothing: fillers, hedges and courtesy sentences, every fact
    and every other word kept as said; None when there is nothing to take out."""
    sentences = [part for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part]
    kept = [part for part in sentences if not _COURTESY.match(part.strip())] or sentences
    trimmed = [
        " ".join(
            _HEDGE_APART.sub(
                lambda m: " " if m.group().rstrip().endswith(",") else "", _OPENING_FILLER.sub("", part)
            ).split()
        ).strip(" ,")
        for part in kept
    ]
    trimmed = [part[:1].upper() + part[1:] for part in trimmed if part.strip(" .!?")]
    shorter = " ".join(trimmed)
    return shorter if shorter and len(shorter) < len(text.strip()) and keeps_facts(text, shorter) else None


def made_friendlier(text: str) -> str | None:
    """The reply with a thank-you after it, the caller's words unchanged; None when it thanks
    already, or is sorry about something (no "Thanks!" after bad news)."""
    if _THANKED.search(text) or _SORRY.search(text):
        return None
    return f"{text.rstrip()} Thanks!" if text.rstrip().endswith((".", "!", "?")) else f"{text.rstrip()}. Thanks!"
