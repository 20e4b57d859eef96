"""Dictated words as they go into a draft: as the caller said them, and written as a sentence.

The grammar and the intent model hand back a reply's words lowercased and without commas, so
"Hi Sarah, numbers by Friday" would be written "Hi sarah numbers by Friday". The recognizer's own
text still holds the caller's capitals, commas and sentence ends: the words are found there."""

from __future__ import annotations

import re

from .repairs import said_anew_in_place
from .writing import clock_times

SOUND = r"(?:uh+|um+|uhm|erm?|hmm+)"  # made while thinking
FILLER = re.compile(rf"^{SOUND}$")
# A sound made while thinking, with the commas around it: "by, uh, Friday" is "by Friday".
THINKING = re.compile(rf",?\s*\b{SOUND}\b(?:,|\.\.\.|…)?", re.IGNORECASE)
# A word as the grammar compares it: letters, digits, apostrophes and the colon of a clock time.
TOKEN = re.compile(r"[\w'’:@.-]+")
QUOTES = "\"'“”‘’"

ACRONYMS = re.compile(r"\b(?:fyi|asap|eod|eta|qa|vpn|pto|ooo|hr|ceo|cfo|cto|q[1-4])\b")
# Dictated words that ask: written with a question mark.
ASKS = re.compile(
    r"^(?:(?:can|could|would|will|shall|should|do|does|did|is|are|was|were|have|has)\s+"
    r"(?:i|we|you|he|she|they|it|this|that|there|the|someone|anyone|everyone)\b|"
    r"(?:what|when|where|who|why|how)(?:'s|\s+(?:is|are|was|were|do|does|did|can|could|would|will|should|about|much|many|long)\b))"
)
DAY_OR_MONTH = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"june|july|august|september|october|november|december)\b"
)


def _plain(token: str) -> str:
    return token.lower().replace("’", "'").strip(".:-'")


def as_said(words: str, said: str) -> str:
    """The caller's own span of `said` that holds `words`, word for word (a filler between
    them aside), with its capitals and punctuation; `words` itself where no such span is."""
    wanted = [_plain(t) for t in TOKEN.findall(words)]
    wanted = [w for w in wanted if w and not FILLER.match(w)]
    heard = [(m, _plain(m.group())) for m in TOKEN.finditer(said)]
    if not wanted:
        return words
    for start in range(len(heard)):
        at, matched, end = start, 0, None
        while at < len(heard) and matched < len(wanted):
            word = heard[at][1]
            if word == wanted[matched]:
                matched, end = matched + 1, heard[at][0].end()
            elif not (word == "" or (matched and FILLER.match(word))):
                break
            at += 1
        if matched == len(wanted) and end is not None:
            span = said[heard[start][0].start() : end]
            trailing = re.match(r"[\"'“”‘’]?([.!?])", said[end:])  # the caller's own sentence end
            span = THINKING.sub("", span).strip(QUOTES + " ,")  # "'happy to swap'.": the words only
            span = re.sub(rf"[{QUOTES}]+(?=[.!?]$)", "", span)
            end_mark = trailing.group(1) if trailing and not span.endswith((".", "!", "?")) else ""
            if end_mark == "?" and ASKS.match(said.lower().lstrip()) and not ASKS.match(span.lower()):
                end_mark = "."  # "would you tell Bob I'd rather wait?": the request asked it, not the words
            return span + end_mark
    return words


def sentence_case(text: str) -> str:
    """A dictated phrase as a written sentence: "i'll have it by friday" -> "I'll have it by
    Friday.", "can we do eleven" -> "Can we do eleven?", "fyi" -> "FYI"."""
    text = " ".join(said_anew_in_place(THINKING.sub(" ", text)).split()).strip(QUOTES + " ,")
    text = clock_times(text)  # "1040 works" as the recognizer wrote it: 10:40
    # "so ill flag it": in dictated words, where a request's verb follows too (not in the request:
    # "mark it read ill answer tomorrow" would read as a reply)
    text = re.sub(
        r"(?<!\bis )(?<!\bwas )(?<!\bam )(?<!\bare )(?<!\bwere )(?<!\bbe )(?<!\bbeen )(?<!\bfeel )(?<!\bfelt )"
        r"(?<!\bvery )(?<!\bgot )(?<!\bfell )(?<!'s )(?<!'m )(?<!'re )"
        r"\bill (?=(?:flag|answer|ask|tell|read|forward|ping|share|loop|circle|call)\b)",
        "I'll ",
        text,
    )
    text = re.sub(r"^ill (?=[a-z])", "I'll ", text)  # words that begin "ill still hit Friday"
    text = re.sub(r"\bi(?=('m|'ll|'ve|'d)?\b)", "I", text)
    text = re.sub(DAY_OR_MONTH, lambda m: m.group(0).capitalize(), text)
    text = re.sub(ACRONYMS, lambda m: m.group(0).upper(), text)
    text = text[:1].upper() + text[1:]
    if ASKS.match(text.lower()) and not re.search(r"[.!?]\s", text):  # "can you take a look at this." asks
        return f"{text.removesuffix('.')}?" if not text.endswith(("!", "?")) else text
    return text if text.endswith((".", "!", "?")) else f"{text}."


# "Tell her she'll have it Thursday": words about the addressee, said to the agent in the third
# person, go into the reply in the second ("You'll have it Thursday."). Which pronouns are the
# addressee's comes from the request's pronoun: "tell her", "let him know", "reply to them". After
# a name the words stay as said: "tell Bob she'll be late" is about someone else.
TOLD = re.compile(
    r"\b(?:tell|telling|let|remind|ask|(?:reply|respond|write(?: back)?|get back) to|answer|email|message)\s+"
    r"(?P<who>him|her|them|'em|[a-z][\w'-]*)\b",
    re.IGNORECASE,
)
PERSONS = {
    "he": ("he", "him", "his", "himself"),
    "she": ("she", "her", "her", "herself"),
    "they": ("they", "them", "their", "themselves"),
}
BY_OBJECT = {"him": "he", "her": "she", "them": "they", "'em": "they"}
CONTRACTED = {"'ll": "you'll", "'d": "you'd", "'re": "you're", "'ve": "you've"}
# "she's got", "he's been": has; any other "'s" is "is".
HAS_AFTER = re.compile(r"(?:got|been|done|had|made|sent|seen|finished|signed|asked|said|agreed|approved)\b")
AS_YOU = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't", "wasn't": "weren't"}
AS_YOU |= {"hasn't": "haven't", "doesn't": "don't"}
ADVERBS = frozenset(
    {"also", "just", "still", "really", "only", "already", "probably", "definitely", "now", "actually", "never"}
    | {"always", "usually", "sometimes", "often", "rarely", "even", "certainly", "simply", "normally", "generally"}
)
# after an object "her" comes what is given or a preposition ("send her the file"); after a
# possessive one, what is hers ("keep her slot")
AFTER_OBJECT = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "some", "any", "my", "our", "it", "them", "what", "know"}
    | {"for", "to", "about", "on", "in", "at", "by", "with", "from", "up", "back", "again", "too", "as", "if", "when"}
    | {"out", "off", "down", "over", "around", "through", "later", "soon", "today", "tomorrow", "tonight", "yesterday"}
    | {"now", "then", "once", "first", "next", "last", "this", "before", "after", "and", "or", "but", "so"}
    | {d.lower() for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
)


# After "his" standing for what is his: "his isn't expiring", "his is fine"
STANDS_ALONE_BEFORE = frozenset({"is", "isn't", "was", "wasn't", "will", "won't", "has", "hasn't", "does", "doesn't"})


def _base_form(verb: str) -> str:
    """A verb of "she needs" as said after "you": need; a word that is no such verb stays."""
    if verb in AS_YOU:
        return AS_YOU[verb]
    if re.fullmatch(r"[a-z]+[^aeiou]ies", verb):
        return verb[:-3] + "y"  # replies -> reply
    if re.fullmatch(r"[a-z]+(?:sses|shes|ches|xes|zes|oes)", verb):
        return verb[:-2]  # fixes -> fix, goes -> go
    if re.fullmatch(r"[a-z]{2,}[^s'u]s", verb):
        return verb[:-1]  # needs -> need
    return verb


def to_the_addressee(words: str, request: str) -> str:
    """Dictated `words` with the addressee's third-person pronouns made "you", where `request`
    ("tell her she'll have it Thursday") says whom they are for; `words` as they were otherwise."""
    opening_words = " ".join(re.findall(r"[\w'’]+", words.lower())[:2])
    starts_at = request.lower().replace("’", "'").find(opening_words) if opening_words else -1
    # the telling nearest the words: "reply to Sara Chan, tell her ..." is told to "her"
    before = [t for t in TOLD.finditer(request) if starts_at < 0 or t.end() <= starts_at]
    told = before[-1] if before else None
    if told is None or (starts_at < 0 and told.start() > 20):
        return words  # "reply saying ask them if they can test": the words' own "ask them"
    # only a pronoun says whose: "tell Bob she'll be late" is about someone else
    person = BY_OBJECT.get(told.group("who").lower())
    if person is None:
        return words
    subject, obj, possessive, reflexive = PERSONS[person]
    # "tell her, her. She'll get them": the pronoun said again as a stutter, no word of the reply
    words = re.sub(rf"^\s*{obj}\s*[.,]\s*", "", words, flags=re.IGNORECASE)
    tokens = re.findall(r"[\w'’]+|[^\w\s]+|\s+", words)
    plain = [t.lower().replace("’", "'") for t in tokens]
    out: list[str] = []
    after_subject = False
    for i, (token, word) in enumerate(zip(tokens, plain, strict=True)):
        nxt = next((w for w in plain[i + 1 :] if w.strip()), "")
        if word.startswith(subject) and (word == subject or word[len(subject) :] in ("'s", *CONTRACTED)):
            ending = word[len(subject) :]
            if ending == "'s":
                rest = "".join(plain[i + 1 :]).strip()
                said = "you've" if HAS_AFTER.match(rest) else "you're"
            else:
                said = CONTRACTED.get(ending, "you")
            after_subject = ending == ""
        elif after_subject and word.strip() and word in ADVERBS:
            said = token
        elif after_subject and word.strip() and re.fullmatch(r"[a-z']+", word):
            said, after_subject = _base_form(word), False
        elif word == reflexive:
            said, after_subject = "yourself", False
        elif word == obj and (obj != possessive or nxt in AFTER_OBJECT or not re.match(r"[a-z]", nxt)):
            said, after_subject = "you", False
        elif (
            word in (f"{possessive}s", "hers")
            and possessive != "his"
            or (word == possessive == "his" and (nxt in STANDS_ALONE_BEFORE or not re.match(r"[a-z]", nxt)))
        ):
            said, after_subject = "yours", False  # "check his isn't expiring too": "check yours isn't ..."
        elif word == possessive:
            said, after_subject = "your", False
        else:
            said = token
            after_subject = after_subject and not word.strip()
        out.append(said if said is token or not token[:1].isupper() else said.capitalize())
    return "".join(out)


# "ask her if headcount is frozen for Q4": the question itself, "Is headcount frozen for Q4?".
_ASKED_IF = re.compile(
    r"^(?:if|whether) (?P<who>(?:the |my |our |your )?[\w'-]+) (?P<verb>is|are|was|were|will|can|could|should|would)"
    r"(?P<nt>n't)? (?P<rest>(?:(?! or )[^.?])+)[.?]?$",
    re.IGNORECASE,
)


# "tell him to go ahead with Thursday": what they are told to do, as the request to them.
_TOLD_TO = re.compile(r"^(?:instead\s+)?to (?!be honest\b)(?P<rest>[a-z]\w*\b.*)$", re.IGNORECASE)
# "tell sarah instead that I'll be late": the "instead" is said of whom it goes to
_INSTEAD_FIRST = re.compile(
    r"^(?:instead(?:,?\s+that)?|let (?:him|her|them) know(?: that)?|tell (?:him|her|them)(?: that)?)[,\s]+",
    re.IGNORECASE,
)  # "... and let her know that ten forty suits me": the words


# "... to sarah. tell her I'll have the numbers": the telling is never the words
_TELLING_FIRST = re.compile(r"^tell (?:him|her)(?: that)?[,\s]+", re.IGNORECASE)


def without_the_telling(words: str) -> str:
    """Dictated words without a "tell her" said before them."""
    return _TELLING_FIRST.sub("", words.strip())


def as_told_to(words: str) -> str:
    """Dictated `words` after "tell him to ..." as a request to him ("Please go ahead with
    Thursday"), and without an "instead" that belongs to the request; as they were otherwise."""
    words = _INSTEAD_FIRST.sub("", words.strip())
    found = _TOLD_TO.match(words)
    return f"Please {found['rest']}" if found else words


def as_asked(words: str) -> str:
    """Words after "ask him if ..." as the question to him; as they were when not so asked."""
    found = _ASKED_IF.match(words.strip())
    if found is None:
        if re.match(r"^(?:if|whether)\b", words.strip(), re.IGNORECASE):
            return f"Could you let me know {words.strip().rstrip('.?')}?"  # "if the release slipped"
        if re.match(r"^(?:which|what|when|where|who|how|why)\b", words.strip(), re.IGNORECASE):
            return f"Could you let me know {words.strip().rstrip('.?')}?"  # "ask him which test exactly"
        return words
    verb = found["verb"] + (found["nt"] or "")
    return f"{verb[:1].upper()}{verb[1:]} {found['who']} {found['rest']}?"
