"""Self-repairs: "go to Bob's, no wait, the one from IT", "say 10:30 works, I mean 10:40".
What follows the last repair marker is what the caller meant."""

from __future__ import annotations

import re

from .intents import INTENT_NAMES
from .slots import NOT_NAME
from .writing import A_DAY_SAID, DAY

# Words taken back by name ("scrap that" alone, with a draft open, throws the draft away: no repair)
SCRAPPED = r"(?:(?:scratch|scrap|strike) that last (?:bit|part|line|sentence)(?! of\b)|scratch that)"
# "i mean" only after a pause or a "sorry": "that's what I mean" and "I can make that meeting" are
# words, not repairs.
REPAIR = re.compile(
    rf"(?:\b(?:no,? wait|wait,? no|no,? no|no,? sorry|{SCRAPPED}|or rather|actually,? no|(?:sorry|no|uh|um|er),? i mean)\b"
    # "no wait, hang on, can we do eleven", "actually no scrap that last bit, just say ...": the words after
    # "no wait not that, shit, the newsletter": the one taken back and an oath are no part of it
    rf"(?:[,.]?\s*(?:hang on|hold on|hold up|wait|{SCRAPPED}|not (?:that|this|it)(?: one)?(?=[,.])|shit|damn|dammit|oops|ugh)\b)*"
    r"|(?<=[,;.-])\s*i mean\b"
    r"|(?<=[.!?])\s*no,? actually\b"  # "let me think. no actually, ...", never "tell him no actually we're slipping"
    # "say 10:40 is fine — no, actually, hang on — ask if ...", never "tell him, no, actually we're slipping"
    r"|(?<=[,;—–-])\s*no,? actually\b(?=[,.]?\s*(?:hang on|hold on|wait|ask|say|tell|make|change|let(?!'))\b)"
    # a bare "sorry" between commas, before a day or a number: "by thursday, sorry, wednesday"
    r"|(?<=[,;.-])\s*sorry\b(?=,?\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|tonight|noon|\d|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)))[,.:;-]*\s*",
    re.IGNORECASE,
)
# The last words said, taken back with nothing in their place: "..., and the test is being
# fixed, actually scrap that last bit" is the words before "and the test is being fixed".
LAST_BIT_TAKEN_BACK = re.compile(
    # (the last bit runs from the last "and" or stop: never past another "and")
    rf"(?P<kept>.*?\w)(?:,?\s+and|[,;.]|\s*[—–-])\s+(?:(?!\band\b)[^,;.—–])+?[,.]?\s*(?:actually,?\s*)?(?:no,?\s*)?{SCRAPPED}\W*$",
    re.IGNORECASE,
)


def repaired(said: str) -> str | None:
    """The words after the last repair marker, when words come before it and after it; None
    when there is no repair."""
    markers = list(REPAIR.finditer(said))
    if not markers:
        return None
    last = markers[-1]
    before, after = said[: last.start()].strip(" ,.-"), said[last.end() :].strip()
    if not before or not after:
        return None
    return after


# Words that one replaces in place: "Thursday, no wait, Monday", "at ten, I mean eleven".
_NUMBER = r"\d[\d:.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight"
_KINDS = [re.compile(rf"^(?:{DAY})$"), re.compile(rf"^(?:{_NUMBER})$")]
_PREPOSITIONS = {"to", "for", "from", "about", "into", "under"}
# Words a person's name follows: "reply to Bob", and verbs that take the person ("answer Bob").
_SAID_ANEW = {"say", "saying"}  # what starts the words to say (not "that": "archive that and ...")
_BEFORE_A_PERSON = _PREPOSITIONS | {"answer", "tell", "ask", "email", "message", "ping", "remind"}
# Words that start a request of their own after a repair, never a name said anew: "move it to
# Finance, no wait, archive it"; "reply to Bob, no wait, delete it".
_NEW_REQUEST = {
    *INTENT_NAMES,
    *("actually", "never", "nevermind", "forget", "cancel", "stop", "nothing", "nobody", "maybe", "hold", "wait"),
    *("mark", "file", "move", "trash", "bin", "put", "keep", "leave", "make", "change", "ask", "let", "just", "do"),
}


# In dictated words, a day or a number taken back where it was said, with or without commas:
# "by wednesday I mean thursday sorry thursday" is "by thursday".
_TAKEN_BACK_IN_PLACE = [
    re.compile(
        rf"\b(?:{kind})[,.]?\s+(?:(?:no|uh|um|sorry),?\s+)?(?:i mean|i meant|sorry|or rather|make that{more})[,.]?\s+"
        rf"(?=(?:{kind})\b)",
        re.IGNORECASE,
    )
    # a bare "no" only between days: "thursday no friday" ("bring one no one else has" is no repair)
    for kind, more in ((DAY, "|no"), (_NUMBER, ""))
] + [
    # any word taken back by name: "a projector- no, not a projector, a clicker" is "a clicker"
    re.compile(
        r"\b(?:(?:a|an|the|some)\s+)?(?P<old>[\w']+)[\s,.;:—-]+(?:no|sorry|wait)[\s,.;:—-]+not\s+"
        r"(?:(?:a|an|the|some)\s+)?(?P=old)[\s,.;:—-]+(?=\w)",
        re.IGNORECASE,
    )
]


def said_anew_in_place(words: str) -> str:
    """Dictated words with each day or number the caller took back left out, and a last bit
    taken back with nothing said in its place."""
    if last_bit := LAST_BIT_TAKEN_BACK.match(words):
        words = last_bit["kept"]
    before = None
    while before != words:
        before = words
        for taken_back in _TAKEN_BACK_IN_PLACE:
            words = taken_back.sub("", words)
    return words


def same_kind(word: str, other: str) -> bool:
    """Whether both words are days, or both times or numbers ("Thursday" and "Monday")."""
    return any(kind.match(word.lower()) and kind.match(other.lower()) for kind in _KINDS)


# A day or time after a preposition: what a bare "sorry" can take back ("by thursday, sorry, wednesday").
_AFTER_A_PREPOSITION = re.compile(r"\b(?:by|on|at|until|till|before|after|from|for)\s+[\w:.']+$", re.IGNORECASE)
_FILLER = re.compile(r"\b(?:uh+|um+|er|erm)\b,?\s*", re.IGNORECASE)


def repaired_in_place(said: str) -> str | None:
    """ "push it to Thursday, no wait, I mean Monday, so tell them" -> "push it to Monday, so
    tell them": a day or number taken back and said anew, with what follows kept. None when the
    repair is not one word for one word of the same kind."""
    markers = list(REPAIR.finditer(said))
    if len(markers) != 1:
        return None
    before = _FILLER.sub("", said[: markers[0].start()]).rstrip(" ,.-—–")
    if re.search(r"\b(?:saying|say|says|that|tell (?:him|her|them))$", before, re.IGNORECASE):
        return None  # "reply to Bob saying, no, actually, let's hold it": the words begin with it
    if markers[0].group(0).strip(" ,.-").lower() == "sorry" and not _AFTER_A_PREPOSITION.search(before):
        return None  # "I can't make Thursday, sorry, Friday works though": an apology, no repair
    after = re.sub(
        r"^(?:(?:i mean|i meant|sorry|hang on|hold on|wait)\b[,.]?[\s—–-]*)+",
        "",
        said[markers[0].end() :].strip(),
        flags=re.I,
    )
    old, new = before.split()[-1:] or [""], after.split()[:1] or [""]
    old_word, new_word = old[0].lower().strip(",.?!"), new[0].lower().strip(",.?!")
    if same_kind(old_word, new_word):
        return f"{before[: len(before) - len(old[0])]}{after}"
    # "... by thursday end of day, the split's an estimate, wait no, make that friday morning": the
    # one day said before is the one taken back, wherever it was
    made = re.match(rf"^make (?:that|it)\s+(?P<when>(?:{DAY})(?:\s+[\w:.]+){{0,3}})\W*$", after, re.IGNORECASE)
    days = list(A_DAY_SAID.finditer(before))
    if made and len(days) == 1:
        return f"{before[: days[0].start()]}{made['when']}{before[days[0].end() :]}"
    # "reply to Bob, no wait, to Sarah, tell her ...": the phrase taken back is the last one
    # with the preposition the repair starts with, a few words at most before the marker.
    if new_word in _PREPOSITIONS and (
        taken := re.search(rf"\b{new_word}\b(?:\s+[\w'.@-]+){{1,3}}$", before, re.IGNORECASE)
    ):
        return f"{before[: taken.start()]}{after}"
    # "reply to him, say we're still, no wait, say we're pushing it": the words to say, said anew
    if new_word in _SAID_ANEW and (taken := re.search(rf"\b{new_word}\b(?:\s+[\w'.@-]+){{0,8}}$", before, re.I)):
        return f"{before[: taken.start()]}{after}"
    # "say 10:40 is fine, no actually, ask if I can do eleven": a question in place of the words
    if new_word in ("ask", "tell") and (taken := re.search(r"\b(?:say|saying)\b(?:\s+[\w'.:@-]+){0,8}$", before, re.I)):
        return f"{before[: taken.start()]}{after}"
    # "reply to Bob, no wait, Sarah, say ...": a name said anew in place of the one after the
    # preposition; a word that names nobody ("tell", "the") starts a new request instead
    if (
        new_word.isalpha()
        and new_word not in NOT_NAME | _NEW_REQUEST
        and (taken := re.search(rf"\b(?:{'|'.join(_BEFORE_A_PERSON)})\s+([\w'.@-]+(?:\s+[\w'.@-]+)?)$", before, re.I))
    ):
        return f"{before[: taken.start(1)]}{after}"
    return None
