"""What the recognizer should expect (the senders of the mail being briefed), and the command
words it is known to mishear.

Whisper hears a name it was told about far better than one it was not: without a hint "go
back to that Bob email" came back as "go back to the above email", and "the VendorX one" as
"the vendor X1". The STT service puts these names after its prompt of commands. A display
name is the sender's own text, so only what reads as a name is passed on: a few words of
letters, none of them a request the grammar knows ("Send it" as a name would teach Whisper
to hear "send it").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from mailvox.agent.mail import EXACT, SOUNDS_ALIKE, word_closeness

from .briefing import Briefing
from .commands import parse
from .intents import INTENT_NAMES
from .slots import PRONOUNS

NAME = re.compile(r"^[^\W\d_]+(?:[ '.-][^\W\d_]+){0,3}$")  # letters, up to four parts
MAX_NAME_CHARS = 40
MAX_HINT_CHARS = 300  # the prompt shares Whisper's 224-token window with the commands


def is_plain_name(name: str) -> bool:
    name = name.strip()
    return len(name) <= MAX_NAME_CHARS and NAME.match(name) is not None and parse(name) is None


def expected_names(briefing: Briefing) -> str:
    """A sentence of the words the briefed emails' subjects are about, then one naming their
    senders, most important first, within the hint's length; "" when there are none."""
    briefed = [item for item in briefing.items if item.suspicion is None]
    names = names_hint(item.sender for item in briefed)
    # the subjects as they may be said (codes withheld), and none of an email held back
    subjects = (item.subject for item in briefed if not item.held)
    topics = topics_hint(subjects, MAX_HINT_CHARS - len(names) - 1)
    # the names last, where they were measured: Whisper reads the prompt as the words before the
    # caller's, and with the topics last it began "Go to Sarah's email" with "About"
    return f"{topics} {names}".strip()


# Words of a subject that say what a caller may ask about ("offsite", "VPN", "budget"), not
# words a request is made of: a subject is the sender's text, and "Send it" in the hint would
# teach Whisper to hear "send it".
TOPIC_WORD = re.compile(r"^(?:[A-Za-z]{4,}|[A-Z][A-Z0-9]{1,5})$")  # after NFKC: "ＳＥＮＤ" is SEND
# Any form of a word a request or an answer to one is made of: "Sending", "Confirmed", "okay"
REQUEST_STEMS = re.compile(
    r"^(?:(?:send|sent|delet|forward|archiv|confirm|approv|discard|proceed|repl|respond|unsubscrib|declin|"
    r"cancel|trash|unflag|unmute|accept)\w*|"
    rf"{'|'.join(INTENT_NAMES)}|fwd?|ok|okay|yes|yeah|yep|sure|ahead|go|bin|muted?|flagged|undo|skip|moved?|codes?|withheld)$",
    re.IGNORECASE,
)


def topics_hint(subjects: Iterable[str], room: int) -> str:
    """ "About budget, release, offsite, VPN.": the subjects' content words, each once, in the
    order given, within `room` characters; "" when there are none or no room."""
    kept: list[str] = []
    for subject in subjects:
        for word in re.findall(r"[\w'-]+", unicodedata.normalize("NFKC", subject)):
            plain = word.lower()
            if (
                not TOPIC_WORD.match(word)
                or plain in ENGLISH_STOP_WORDS
                or REQUEST_STEMS.match(plain)
                or parse(plain) is not None
                or plain in (k.lower() for k in kept)
            ):
                continue
            if len("About " + ", ".join([*kept, word]) + ".") > room:
                return f"About {', '.join(kept)}." if kept else ""
            kept.append(word)
    return f"About {', '.join(kept)}." if kept else ""


def names_hint(names: Iterable[str]) -> str:
    kept: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if name in kept or not is_plain_name(name):
            continue
        if len("Mail from " + ", ".join([*kept, name]) + ".") > MAX_HINT_CHARS:
            break
        kept.append(name)
    return f"Mail from {', '.join(kept)}." if kept else ""


# Command words the recognizer splits into others ("forward this" heard as "for word this"), only
# where a request begins (after a few lead-in words): what it dictates stays as said.
# A second request's start: "ok flag it and ", "archive it, then ".
_SECOND_REQUEST = r"(?:[^,]*?(?:,|\band\b|\bthen\b)\s*)?"
MISHEARD = [
    (
        re.compile(
            r"^((?:\W*+\w++\W++){0,3}?)(?:for|four) ?words?(?= (?:this|it|that|the|them|him|her|my|on|along|[a-z]+'s)\b)",
            re.IGNORECASE,
        ),
        "forward",
    ),
    # "for the VPN email to Jamie": "forward" heard as "for the"
    (
        re.compile(
            r"^(\W*(?:(?:ok|okay|so|and|now|um+|uh+|then|right|yeah|please)\W+)*)for(?= (?:the|that|this|[a-z]+'s) (?:[\w'-]+ ){0,3}?"
            r"(?:email|one|message|mail|thing|newsletter|notes) to (?!(?:be|do|go|get|have|make|see|come|read)\b)[a-z])",
            re.IGNORECASE,
        ),
        "forward",
    ),
    # (where a request begins, or a second one after "and": "flag it and mark it on red")
    (
        re.compile(
            rf"^({_SECOND_REQUEST}(?:\W*+\w++\W++){{0,4}}?mark (?:it|that|this)(?: one)?(?: as)? )un ?red\b", re.I
        ),
        "unread",
    ),
    # "mark as no read", "mark it not read", "mark it on red": unread
    (
        re.compile(
            rf"^({_SECOND_REQUEST}(?:\W*+\w++\W++){{0,4}}?mark(?: (?:it|that|this)(?: one)?)?(?: as)? )(?:no|not|non|on) (?:read|red)\b",
            re.I,
        ),
        "unread",
    ),
    (re.compile(r"^((?:\W*+\w++\W++){0,4}?mark (?:it|that|this)(?: one)?(?: as)? )red\b", re.IGNORECASE), "read"),
]


# What Whisper writes over road noise or silence, learnt from subtitled videos: never a request.
NOISE_AS_WORDS = re.compile(
    r"^\W*(?:(?:thanks|thank you)(?: so much| very much)? for watching|(?:please )?(?:like and )?subscribe"
    r"(?: to (?:my|the|our) channel)?|subtitles by [\w. ]+|see you (?:next time|in the next video)"
    r"|(?:thanks|thank you)(?: so much| very much)? for watching(?:,? and)? (?:please )?subscribe)\W*$",
    re.IGNORECASE,
)


def is_noise_as_words(transcript: str) -> bool:
    """Whether the transcript is one of the recognizer's phrases for noise ("Thanks for watching!")."""
    return NOISE_AS_WORDS.match(transcript) is not None


def as_meant(transcript: str) -> str:
    """The transcript with command words the recognizer misheard where a request begins put
    right ("for word this to Bob"); dictated words are left as they were said."""
    for heard, meant in MISHEARD:
        transcript = heard.sub(rf"\g<1>{meant}", transcript, count=1)
    return transcript


# A sound made while thinking, with its commas, where more words follow: "search my mail for, um,
# the migration" is a search for the migration. One said last is kept: the caller is not done.
_THINKING = re.compile(
    r",?\s*\b(?:uh+|um+|uhm|erm)\b(?:,|\.\.\.|…)?(?=\s+[\w'\"‘“])(?!\s+huh)", re.IGNORECASE
)  # "uh huh" is a yes


TAKING_BACK = frozenset(["no", "not", "nah", "actually", "wait", "sorry", "never", "scratch", "forget", "cancel"])


# A hum before the request, as the recognizer writes it: "Hem, say we'll ship on Tuesday instead."
_HUMMED_FIRST = re.compile(r"^\W*(?:hem|hm+|mm+|hmm+)\b[,.]?\s+(?=\w)", re.IGNORECASE)


def without_fillers(transcript: str) -> str:
    """ "Try anything from, uh, Hendricks." -> "Try anything from Hendricks." """

    def dropped(found: re.Match[str]) -> str:  # "mute them, uh, no, not them": the pause before "no" stays
        sound, after = found.group(), transcript[found.end() :].split()[:1]
        taken_back = bool(after) and after[0].lower().strip(",.") in TAKING_BACK
        return "," if taken_back and sound.lstrip().startswith(",") and sound.rstrip().endswith(",") else ""

    return _HUMMED_FIRST.sub("", _THINKING.sub(dropped, transcript).lstrip(" ,"))


# A word said twice or more over a bad line or while thinking: "change thursday to to to
# wednesday", "read read it back". Only words seldom doubled on purpose (never "no no", "bye bye").
_STUTTER = re.compile(
    r"\b(to|the|a|an|and|of|for|on|in|at|my|it|i|is|are|was|read|archive|delete|send|change|reply|forward|flag|mark|go|"
    r"tell|say|make|move|open|skip|mute|that|this|with|from|when|what|if|but|we|you|i'll|i'm|we'll|we're|can|be)"
    r"(?:[\s,]+\1)+\b",
    re.IGNORECASE,
)
# Two or three words said twice over: "can you can you check", "when does it when does it expire".
_STUTTERED_PAIR = re.compile(r"\b((?:[a-z']+ ){1,2}[a-z']+)(?:[\s,]+\1)+\b", re.IGNORECASE)  # words, never "4 5 4 5"


def without_stutters(transcript: str) -> str:
    """ "change thursday to to to wednesday" -> "change thursday to wednesday"."""
    return _STUTTER.sub(r"\1", _STUTTERED_PAIR.sub(r"\1", transcript))


# Contractions the recognizer (or a typing caller) wrote without their apostrophe: "whos it from",
# "dont send it". Only spellings that are seldom another word ("ill", "were", "its", "im" are kept).
_CONTRACTIONS = {
    f"{stem}{end}": f"{stem}'{end}"
    for stem, end in [
        *((w, "s") for w in ("who", "what", "where", "when", "how", "that", "there", "here")),
        *((w, "t") for w in ("don", "doesn", "didn", "isn", "wasn", "aren", "weren", "can", "haven", "hasn")),
        *((w, "t") for w in ("shouldn", "couldn", "wouldn")),
        ("i", "ve"),
        ("you", "re"),
        ("they", "re"),
        *((w, "ll") for w in ("you", "they", "it")),  # "youll have it": never "we'll", heard as "well"
        *((w, "ve") for w in ("you", "we", "they")),
        ("what", "d"),
    ]
}
_BARE_CONTRACTION = re.compile(
    rf"(?<![@.])\b({'|'.join(_CONTRACTIONS)})\b(?![@.]\w)", re.IGNORECASE
)  # not in an address


# "ill have it to you by Thursday": "I'll", where a verb follows (never "I'm ill", "ill health")
_I_WILL = re.compile(
    r"(?<!\bam )(?<!'m )(?<!\bis )(?<!'s )(?<!\bwas )(?<!\bbeen )(?<!\bfeel )(?<!\bso )(?<!\bvery )(?<!\bstill )"
    r"(?<!\bim )(?<!\bfeeling )(?<!\bshes )(?<!\bhes )(?<!\bgot )(?<!\bfell )\bill (?=(?:have|be|send|get|do|call|ring|let|make|need|try|check|see|look|take|give|go|come|bring|put|keep|"
    r"pass|follow|email|reply|write|sort|fix|join|update|confirm|review|finish|probably|just|definitely|also|"
    r"pull|hit|deal|handle|grab|be)\b)",
    re.IGNORECASE,
)


# "tell bob were pushing to monday": "we're", where dictated words begin with it
_WE_ARE = re.compile(
    r"\b((?:tell|let) (?!me\b)[a-z]+(?: know)?(?: that)? |say(?:ing)?(?: that)? )were (?!(?:you|they|there|we|the|any|he|she|it)\b)(?=[a-z])",
    re.IGNORECASE,
)


def with_apostrophes(transcript: str) -> str:
    """ "whos the newsletter from" -> "who's the newsletter from"; "ill send it" -> "I'll send it"."""
    transcript = _WE_ARE.sub(r"\1we're ", _I_WILL.sub(lambda m: "I'll ", transcript))
    return _BARE_CONTRACTION.sub(lambda m: _keep_case(m.group(1), _CONTRACTIONS[m.group(1).lower()]), transcript)


# Numbers and words the recognizer writes for their sound-alikes, where only the other fits:
# "I'll have them four you", "forward this two Bob", "works for me to", "and right that ...".
_HOMOPHONES = [
    # (not "four your time", "give them two slides": a count may follow those)
    (re.compile(r"\bfour (?=(?:you|me|him|her|us)\b)", re.IGNORECASE), "for "),
    (
        re.compile(
            r"\b((?:forward|send|pass) (?:it|this|that|this one|that one)|reply|respond|write back) two "
            r"(?=[a-z])(?!(?:days?|weeks?|hours?|minutes?|more|of|times|people|emails|copies)\b)",
            re.IGNORECASE,
        ),
        r"\1 to ",
    ),
    (re.compile(r"\b((?:for|with) (?:me|you|us)) to(?=\W*$)", re.IGNORECASE), r"\1 too"),
    (re.compile(r"\bdead line(s?)\b", re.IGNORECASE), r"deadline\1"),  # "what's the dead line"
    (re.compile(r"\bthirst day\b", re.IGNORECASE), "Thursday"),  # "we're still on for thirst day"
    # "actually make it reply at all" (spoken through livekit-server); never inside dictated
    # words ("tell him I can't reply at all"): only as the whole request
    (
        re.compile(
            r"^(\W*(?:(?:actually|ok|okay|and|so|um|uh|wait|no)\W+)*(?:make (?:it|that|this) )?)reply at all(?=\W*$)",
            re.I,
        ),
        r"\1reply all",
    ),
    # a question asked, never dictated words ("tell her I'm not sure whose that is"): "whose on
    # copy?" is "who's"; "what's mooted?" is "muted"; "open the port all" is the portal
    (
        re.compile(r"^(\W*(?:(?:and|so|ok|okay|um|uh|wait)\W+)*)whose (?=(?:on|copied|cc'?d|the sender)\b)", re.I),
        r"\1who's ",
    ),
    (re.compile(r"^(\W*(?:(?:and|so|ok|okay|um|uh)\W+)*what(?:'s| is| are)(?: \w+)?) mooted\b", re.I), r"\1 muted"),
    (re.compile(r"\b(open|go to|visit|use) the port all\b", re.IGNORECASE), r"\1 the portal"),
    (
        re.compile(r"\b((?:does|did|do) [a-z]+(?: [a-z]+)?) won'?t(?=\W*$)", re.IGNORECASE),
        r"\1 want",
    ),  # "what does Bob won't"
    # "I'll have them buy Friday", "when's it due buy?": "by" where nothing can be bought ("I'll buy
    # Wednesday", my treat, stays)
    (
        re.compile(
            r"\b((?:have|get|send|need|want) (?:it|them|that|this|those|these|the \w+)(?: \w+){0,2}|done|ready|due|back|in|over"
            r"|finished) buy (?=(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|noon|midday|"
            r"end of|eod|the end of|close of|next (?:week|monday|tuesday|wednesday|thursday|friday))\b)",
            re.IGNORECASE,
        ),
        r"\1 by ",
    ),
    # Whisper hears a clipped "Yep" as "Yet" at the start ("Yet, go ahead."); "yet" never begins
    # an agreement, so only before one is it put right
    (
        re.compile(
            r"^(\W*)yet\b(?=\W+(?:go|send|do it|please|sure|okay|ok|sounds|looks|that's (?:it|right|good))\b)",
            re.IGNORECASE,
        ),
        r"\1Yep",
    ),
    (
        re.compile(
            r"^(\W*(?:(?:and|also|then|oh|plus|uh|um)\W+)*)right (?=(?:that (?!(?:is|was|one|works|makes|sounds|seems|looks"
            r"|should|would|will|could|can|might)\b)|saying\b))",
            re.IGNORECASE,
        ),
        r"\1write ",
    ),
]


def with_homophones(transcript: str) -> str:
    """The transcript with a sound-alike put right where only the other word fits: "four you" ->
    "for you", "forward this two Bob" -> "to Bob", "works for me to" -> "too"."""
    for heard, meant in _HOMOPHONES:
        transcript = heard.sub(meant, transcript)
    return transcript


def _keep_case(heard: str, meant: str) -> str:
    return meant.capitalize() if heard[:1].isupper() else meant


# What follows a name when the caller means that person's email: "bobs email", "read sarahs one".
_EMAIL_NOUNS = frozenset(["email", "emails", "mail", "message", "one", "thing", "thread", "note", "notes"])
_OWNED = (
    r"(?=\s+(?:\w+\s+)?(?:email|emails|mail|message|messages|one|ones|newsletter|note|stuff)\b"
    r"|\s+(?:still |already |now )?(?:un)?(?:read|flagged|archived)\b)"  # "is bobs still unread"
)
# "read sarahs", "do priyas first": whose email, after a verb that takes one
_OWNED_LAST = re.compile(
    r"\b((?:read|open|play|forward|flag|archive|delete|trash|skip|do|start with|go to|back to|and|about) )([A-Za-z]{3,})s\b"
    r"(?=\W*$|\s+(?:first|next|now|then|please|again|too|instead|and)\b)"
)


def with_sender_names(transcript: str, names: Iterable[str], subjects: Iterable[str] = ()) -> str:
    """The senders' name words as the caller meant them, where the recognizer (or a hurried
    typist) broke them: "vendor x" as "vendorx", "read me bobs email" as "bob's email". Only
    where the mended word is a name word of a sender in `names`; a longer word of the emails'
    `subjects` only where it names an email ("the off site one" as "the offsite one", never
    "may be late" as "maybe late")."""
    known = {name.lower() for name in names if len(name) >= 3}
    topics = {word.lower() for word in subjects if len(word) >= 5}

    def a_name(word: str) -> bool:  # "saras": Sarah's, as it sounds
        return word_closeness(word.lower(), known) in (EXACT, SOUNDS_ALIKE)

    def owned(match: re.Match[str]) -> str:
        word = match.group(1)
        return f"{word}'s" if a_name(word) else match.group(0)

    words = transcript.split(" ")
    for i in range(len(words) - 1, 0, -1):
        first, second = words[i - 1], words[i].rstrip(",.?!").removesuffix("'s")  # "vendor x's email" too
        joined = (first + second).lower()
        before = words[i - 2].lower() if i >= 2 else ""
        after = words[i + 1].lower().strip(",.?!") if i + 1 < len(words) else ""
        names_an_email = joined in topics and (before in ("the", "about", "that") or after in _EMAIL_NOUNS)
        if len(first) >= 3 and first.isalnum() and (joined in known or names_an_email):
            words[i - 1 : i + 1] = [first + words[i]]
    transcript = " ".join(words)
    transcript = _OWNED_LAST.sub(
        lambda m: f"{m.group(1)}{m.group(2)}'s" if a_name(m.group(2)) else m.group(0), transcript
    )
    return re.sub(rf"\b([A-Za-z]{{3,}})s\b{_OWNED}", owned, transcript)


def with_letters_joined(transcript: str) -> str:
    """An acronym the recognizer spelled out letter by letter as one word: "the V.P.N. one" as
    "the VPN one" (a search for "v.p.n" finds nothing)."""
    return re.sub(
        r"\b((?:[A-Z]\.){2,}[A-Z]?)(?=\W|$)", lambda m: m.group(1).replace(".", ""), transcript
    )  # not "5 p.m."


# A request's verb straight before a capital ("FlagSair's email", spoken through livekit-server):
# the recognizer glued two words. Only where a request begins, and only a verb's own letters:
# "VendorX", and "ReadMe" in dictated words, stay whole.
_GLUED_VERB = re.compile(
    r"^(\W*(?i:flag|unflag|read|open|archive|delete|trash|forward|reply|mute|unmute|skip|mark))(?=[A-Z][a-z])"
)


def with_verb_apart(transcript: str) -> str:
    """A request's verb glued by the recognizer to the name after it, as two words: "FlagSair's
    email" -> "Flag Sair's email"."""
    return _GLUED_VERB.sub(r"\1 ", transcript)


# An address as it is said: "finance at northwind dot example", "john dot smith at acme dot co dot uk".
# Only where a recipient goes ("to", "cc"): "the notes are at wiki dot example" is dictation. In a
# forward, or answering who it goes to, "it's ..." and "use ..." give one too.
_AN_ADDRESS = (
    r" (?P<user>[a-z0-9][a-z0-9_-]*(?:(?: dot |\.)[a-z0-9_-]+)*(?: \d{1,4})?) at "  # "alex dot morgan 84"
    r"(?P<domain>[a-z0-9][a-z0-9-]*(?:(?: dot |\.)[a-z0-9-]+)*(?: dot |\.)[a-z]{2,12})\b"
)
_SPOKEN_ADDRESS = re.compile(
    r"\b(?P<before>to|cc|copy|copy in|and|address is|email|e-mail|message|ping)" + _AN_ADDRESS, re.IGNORECASE
)
# ... or set apart after who it is for: "write to the platform team, platform at northwind dot example"
_SET_APART_ADDRESS = re.compile(r"(?P<before>,)" + _AN_ADDRESS + r"(?=\s*(?:[,.;:]|$))", re.IGNORECASE)
_WORDS_START = re.compile(r"\b(?:saying|say|says|tell|telling|that|let (?:him|her|them) know)\b", re.IGNORECASE)
_NUMBER_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "oh",
}  # fmt: skip
_GIVEN_ADDRESS = re.compile(r"\b(?P<before>to|cc|copy|copy in|and|is|it's|that's|use|try)" + _AN_ADDRESS, re.IGNORECASE)
# Answering who it goes to, after the name: "Dana Kim, dana dot kim at northwind dot example". Only
# an address of its own: after a pause, or with a dotted name ("she works at acme dot com" is none).
_ANSWERED_ADDRESS = re.compile(r"(?P<before>,?)" + _AN_ADDRESS, re.IGNORECASE)
_FORWARDING = re.compile(
    r"\b(?:forward|fwd|cc|copy in|pass (?:it|that|this) (?:on|along)|send (?:it|that|this) (?:on|over))\b", re.I
)


def with_spoken_addresses(transcript: str, asked_for_one: bool = False) -> str:
    """An email address said aloud where a recipient goes, written as one: "forward it to
    finance at northwind dot example" -> "... to finance@northwind.example". A domain needs a
    spoken "dot". `asked_for_one` (who to send to was just asked): first in the answer too."""

    def written(found: re.Match[str]) -> str:
        if " dot " not in f" {found.group('domain').lower()} " and "." not in found.group("domain"):
            return found.group(0)
        user, domain = (re.sub(r" dot ", ".", part, flags=re.IGNORECASE) for part in found.group("user", "domain"))
        user = re.sub(r" (?=\d)", "", user)  # "morgan 84": the number said after the name is part of it
        return f"{found.group('before')} {user}@{domain}".lower()

    if asked_for_one:  # "Say their full name." "Finance at northwind dot example."
        given = _GIVEN_ADDRESS.sub(written, f"to {transcript.lstrip()}").removeprefix("to ")
        if "@" in given:
            return given

        def answered(found: re.Match[str]) -> str:
            dotted = " dot " in f" {found.group('user').lower()} " or "." in found.group("user")
            return written(found) if found.group("before") or dotted else found.group(0)

        return _ANSWERED_ADDRESS.sub(answered, f" {transcript}").strip()
    given = _SPOKEN_ADDRESS.sub(written, transcript)
    if _FORWARDING.search(transcript):  # "forward it to Sarah, it's sarah at ...": there "it's" gives one too
        given = _GIVEN_ADDRESS.sub(written, given)

    def set_apart(found: re.Match[str]) -> str:
        labels = re.split(r" dot |\.", f"{found.group('user')} dot {found.group('domain')}".lower())
        return found.group(0) if any(label in _NUMBER_WORDS for label in labels) else written(found)

    # only where the recipient goes, before the words ("... saying version at one dot two")
    words_at = _WORDS_START.search(given)
    head, words = (given[: words_at.start()], given[words_at.start() :]) if words_at else (given, "")
    return _SET_APART_ADDRESS.sub(set_apart, head) + words


# Letters the recognizer wrote as the words that sound like them: "the eye tee desk" (IT),
# "anything about cue three" (Q3). Some are everyday words too ("see you", "why are"), so a run
# is taken as letters only when one of its words is seldom anything but a letter's name.
_LETTER_ONLY = {
    "bee": "B", "cee": "C", "dee": "D", "gee": "G", "aitch": "H", "pee": "P", "cue": "Q", "queue": "Q",
    "ar": "R", "ess": "S", "tee": "T", "vee": "V", "zed": "Z", "zee": "Z", "em": "M", "en": "N",
}  # fmt: skip
_LETTER_OR_WORD = {
    "eye": "I",
    "i": "I",  # "the i tee one": IT
    "jay": "J",
    "kay": "K",
    "oh": "O",
    "you": "U",
    "ex": "X",
    "why": "Y",
    "are": "R",
    "tea": "T",
}
_LETTERS = {**_LETTER_OR_WORD, **_LETTER_ONLY}
_DIGITS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_SPELT = re.compile(
    rf"\b(?:(?:{'|'.join(_LETTERS)})[ -]){{1,3}}(?:{'|'.join(_LETTERS)}|{'|'.join(_DIGITS)}|\d)\b", re.IGNORECASE
)


EMAIL_KINDS = r"(?:one|email|mail|message|thing|stuff|desk|team|guys|people|folks)"


def with_capitals_named(transcript: str, names: Iterable[str]) -> str:
    """ "there was a thing from IT, pull that up" -> "... from IT Service Desk, ...": a name
    word in capitals that is a pronoun in lower case ("IT"), written so by the recognizer, is
    the one sender whose name holds it, never "it". The pronoun is written "it" or "It"."""
    names = list(names)
    for word in {w for name in names for w in name.split() if len(w) >= 2 and w.isupper() and w.lower() in PRONOUNS}:
        [*owners] = {name for name in names if word in name.split()}
        if len(owners) != 1:
            continue  # two senders' names hold it: said alone, it names neither
        before, rest = (part.strip() for part in owners[0].split(word, 1))  # already said in full: kept
        after = rf"(?!\s+{re.escape(rest)})" if rest else ""
        ahead = rf"(?<!{re.escape(before)} )" if before else ""  # "Acme IT" stays "Acme IT"
        # only where the pronoun would be read: "from IT", "did IT say"; "the IT one" is understood already
        pattern = rf"\b(from|did|does|has|hasn't|didn't) {ahead}{word}\b{after}(?! {EMAIL_KINDS}\b)"
        transcript = re.sub(pattern, rf"\1 {owners[0]}", transcript)
    return transcript


def with_letter_names(transcript: str, mail_words: set[str]) -> str:
    """ "read the eye tee desk one" -> "read the IT desk one"; "about cue three" -> "about Q3":
    only where the letters make a word of the mail (`mail_words`, lower case), so dictated words
    stay as said ("tell em why" is never "tell MY")."""

    def letters(match: re.Match[str]) -> str:
        said = re.split(r"([ -])", match.group(0))
        words = [word.lower() for word in said[::2]]
        for end in range(len(words), 1, -1):  # "i tee one": IT, and "one" as said
            joined = "".join(_LETTERS.get(word) or _DIGITS.get(word) or word for word in words[:end])
            if any(word in _LETTER_ONLY for word in words[:end]) and joined.lower() in mail_words:
                return joined + "".join(said[2 * end - 1 :])
        return match.group(0)

    def spaced(match: re.Match[str]) -> str:  # "my v p n certificate": VPN, where the mail has it
        joined = match.group(0).replace(" ", "")
        return joined.upper() if joined.lower() in mail_words else match.group(0)

    transcript = _SPACED_LETTERS.sub(spaced, transcript)
    return _ACRONYM.sub(lambda found: _acronym_meant(found.group(0), mail_words), _SPELT.sub(letters, transcript))


_SPACED_LETTERS = re.compile(r"(?<![\w'])[a-zA-Z](?: [a-zA-Z]){1,3}(?![\w'])")


# Letters that sound alike, so the recognizer swaps them in an acronym: "BPN" for VPN.
_RHYMES = [set("bcdegptvz"), set("mn"), set("sfx"), set("ajk"), set("iy"), set("qu")]
_ACRONYM = re.compile(r"\b[A-Z]{3,5}\b")  # three letters or more: "US", "PM" are words of their own


def _acronym_meant(heard: str, mail_words: set[str]) -> str:
    """The mail's acronym an acronym not in the mail was heard for, one letter swapped for one
    that sounds like it ("BPN": VPN); as heard when none or several fit."""
    lower = heard.lower()
    if lower in mail_words:
        return heard
    fits = {
        word
        for word in mail_words
        if len(word) == len(lower)
        and sum(a != b for a, b in zip(word, lower, strict=True)) == 1
        and all(a == b or any(a in rhyme and b in rhyme for rhyme in _RHYMES) for a, b in zip(word, lower, strict=True))
    }
    return fits.pop().upper() if len(fits) == 1 else heard


# A request wrapped in courtesy: "could you please ...", "would you mind adding ...", "I'd like you
# to ...", "I'd be grateful if you could ...", "if you wouldn't mind, ...": the request itself.
_COURTESY_FIRST = re.compile(
    r"^\W*(?:(?:good (?:morning|afternoon|evening)|hello|hi|hey|thank you|thanks|very well|right|okay|ok|oh|so|and|now|then|hmm+|um+|uh+|well)\W+)*"
    r"(?:(?:could|would|can) you(?: please| kindly| possibly)*(?: be so kind as to| mind(?: terribly)?)?"
    r"|would you be so kind as to|(?:i'd|i would) (?:like|love|want) (?:you|for you) to|(?:i'd|i would) be grateful if you (?:could|would)"
    r"|if you (?:wouldn't|would not|don't|do not) mind(?: could you)?|if (?:it's|it is) not too much trouble(?: could you)?"
    r"|(?:do you )?mind|please|kindly)\W+(?:please\W+|kindly\W+)*",
    re.IGNORECASE,
)
_COURTESY_LAST = re.compile(
    r"\W+(?:if (?:it's|it is) not too much trouble|if you (?:don't|do not|wouldn't|would not) mind|please|thank you(?: very much)?|thanks"
    r"|cheers)\W*$",
    re.IGNORECASE,
)
# "would you mind adding ...": the verbs of a request, as "mind" puts them
_GERUNDS = {
    "adding": "add", "telling": "tell", "starting": "start", "moving": "move", "making": "make", "giving": "give",
    "archiving": "archive", "deleting": "delete", "forwarding": "forward", "flagging": "flag", "replying": "reply",
    "reading": "read", "marking": "mark", "sending": "send", "going": "go", "changing": "change", "putting": "put",
    "muting": "mute", "skipping": "skip", "checking": "check", "letting": "let", "opening": "open", "filing": "file",
}  # fmt: skip
# The verbs a request begins with, once its courtesy is gone
_REQUEST_VERB = re.compile(
    r"(?:add|archive|bin|cancel|change|check|delete|file|flag|forward|give|go|keep|leave|let|make|mark|move|mute|open|"
    r"pass|play|put|read|remind|reply|respond|say|send|skip|start|stop|take|tell|trash|unflag|unmute|email|write|ask|"
    r"answer|copy|cc|loop|pull|bring|jump|repeat|pause|resume|continue|carry|slow|speed|undo|star|drop|remove|get|grab|"
    r"find|search|look|sort|renew|clear|filter|unsubscribe|text|call|book|schedule|set|list|show|brief|run|walk|"
    r"explain|summari[sz]e|give|fill|update|hold|note|put|turn|switch|swap|replace|correct|fix|edit|rewrite|"
    r"draft|mention|include|exclude|cut|lose|scratch|forget|ignore|hear)\b",
    re.IGNORECASE,
)
# About how the assistant works, not a request to it: "... by yourself", "... without asking me"
_OF_ME = re.compile(r"\b(?:yourself|by itself|on your own|automatically|without asking)\b", re.IGNORECASE)
# Mail in general, as asked of what I can do: "can you reply to emails?"
_IN_GENERAL = re.compile(r"^\w+(?: to)? (?:e-?mails|mails|messages|replies|my (?:e-?mails|mail))\b", re.IGNORECASE)
# A request that dictates words: what ends it ("thanks") may be the words
_WORDS_FOLLOW = re.compile(r"^(?:tell|reply|respond|answer|say|write|ask|let|email|text)\b", re.IGNORECASE)
_GERUND_FIRST = re.compile(rf"^({'|'.join(_GERUNDS)})\b", re.IGNORECASE)


def without_courtesy(transcript: str) -> str:
    """ "Could you please flag that for me, thank you" -> "flag that"; "would you mind adding a
    note ..." -> "add a note ..."; the words as said when no request follows the courtesy."""
    found = _COURTESY_FIRST.match(transcript)
    if found is None or not transcript[found.end() :].strip():
        return transcript
    rest = _GERUND_FIRST.sub(lambda verb: _GERUNDS[verb.group(1).lower()], transcript[found.end() :], count=1)
    if not _REQUEST_VERB.match(rest) or _OF_ME.search(rest) or _IN_GENERAL.search(rest):
        return transcript  # "could you send replies by yourself?", "can you reply to emails?": how I work
    rest = rest.rstrip().removesuffix("?")  # the question was the courtesy: "would you mind telling Bob ...?"
    if _WORDS_FOLLOW.search(rest):
        return rest  # "could you tell Sarah thanks": the thanks are the reply's words
    kept = rest
    while (shorter := _COURTESY_LAST.sub("", kept)) != kept:  # "..., for me, thank you"
        kept = shorter
    return kept if kept.strip() else rest
