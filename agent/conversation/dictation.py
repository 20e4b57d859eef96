"""Dictated words as they go into a draft: as the caller said them, and written as a sentence.

The grammar and the intent model hand back a reply's words lowercased and without commas, so
"Hi Sarah, numbers by Friday" would be written "Hi sarah numbers by Friday". The recognizer's own
text still holds the caller's capitals, commas and sentence ends: the words are found there."""

from __future__ import annotations

import re

from .writing import clock_times

SOUND = r"(?:uh+|um+|uhm|erm?|hmm+)"  # made while thinking
FILLER = re.compile(rf"^{SOUND}$")
# A sound made while thinking, with the commas around it: "by, uh, Friday" is "by Friday".
THINKING = re.compile(rf",?\s*\b{SOUND}\b(?:,|\.\.\.|…)?", re.IGNORECASE)
# A word as the grammar compares it: letters, digits, apostrophes and the colon of a clock time.
TOKEN = re.compile(r"[\w'’:@.-]+")
QUOTES = "\"'“”‘’"

ACRONYMS = re.compile(r"\b(?:fyi|asap|eod|eta|qa|vpn|pto|ooo|hr|ceo|cfo|cto)\b")
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
            return span + (trailing.group(1) if trailing and not span.endswith((".", "!", "?")) else "")
    return words


def sentence_case(text: str) -> str:
    """A dictated phrase as a written sentence: "i'll have it by friday" -> "I'll have it by
    Friday.", "can we do eleven" -> "Can we do eleven?", "fyi" -> "FYI"."""
    text = " ".join(THINKING.sub(" ", text).split()).strip(QUOTES + " ,")
    text = clock_times(text)  # "1040 works" as the recognizer wrote it: 10:40
    text = re.sub(r"\bi(?=('m|'ll|'ve|'d)?\b)", "I", text)
    text = re.sub(DAY_OR_MONTH, lambda m: m.group(0).capitalize(), text)
    text = re.sub(ACRONYMS, lambda m: m.group(0).upper(), text)
    text = text[:1].upper() + text[1:]
    if ASKS.match(text.lower()) and not re.search(r"[.!?]\s", text):  # "can you take a look at this." asks
        return f"{text.removesuffix('.')}?" if not text.endswith(("!", "?")) else text
    return text if text.endswith((".", "!", "?")) else f"{text}."
