"""Questions about the current email answered from the email's own sentences.

With a model too small to answer well (the cpu profile), the answer is the sentence of the
email that shares the most content words with the question, as the deadline answer is; when
none shares enough, the agent says it can't answer and offers to read the email in full.
Nothing the caller hears is made up.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Words that say nothing about what the caller is asking for.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "do",
        "does",
        "did",
        "i",
        "me",
        "my",
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
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "what",
        "whats",
        "what's",
        "who",
        "whos",
        "who's",
        "when",
        "where",
        "why",
        "how",
        "which",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "about",
        "and",
        "or",
        "but",
        "so",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "there",
        "here",
        "any",
        "anything",
        "say",
        "says",
        "said",
        "tell",
        "email",
        "mail",
        "message",
        "me",
        "us",
        "we",
        "our",
        "want",
        "wants",
        "need",
        "needs",
        "again",
        "just",
        "please",
        # particles of phrasal verbs ("pull that up", "sort it out"), never what a question is about
        "up",
        "out",
        "off",
        "down",
        # adverbs a question leans on, never what it is about ("is the release still on?")
        "still",
        "really",
        "actually",
        "already",
        "yet",
        "right",
        "like",
        "even",
        "ever",
        "though",
    ]
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")  # a single newline is the mail's line wrap
MIN_OVERLAP = 1  # content words the chosen sentence must share with the question


# Words asked with that an email says otherwise: "broken out" is "split out", "ignore it" is what
# the email says to "avoid". Each is read as the one word it stands for.
SAME_SENSE = {
    "broken": "split", "break": "split", "breakdown": "split", "separate": "split", "separately": "split",
    "want": "need", "wanted": "need", "wants": "need", "require": "need", "required": "need",
    "ignore": "avoid", "skip": "avoid", "miss": "avoid",
    "run": "expire", "expiry": "expire", "expires": "expire", "expiring": "expire", "lapse": "expire",
}  # fmt: skip


def content_words(text: str) -> set[str]:
    """The words of a text that carry meaning, lower case, with a plural 's' dropped, and a
    word asked with in the sense the email may say it (SAME_SENSE)."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    kept = {w.removesuffix("'s").rstrip("s") or w for w in words if w not in FUNCTION_WORDS and len(w) > 1}
    return kept | {SAME_SENSE[w] for w in words if w in SAME_SENSE}


# "What does Bob want?", "what's she asking me?": answered by the email's own request.
ASKS_WHAT_IS_WANTED = re.compile(
    r"\b(?:want|wants|wanted|asking|ask|asks|need|needs|request|requesting)\b|\b(?:after|up to)\W*$"  # "what's Priya after?"
    r"|\bwhat (?:do|should|am) i (?:supposed to |meant to |meant |need to |have to |got to )?do\b|\b(?:say|tell me) to do\b|\bhow do i (?:fix|sort|handle|deal with)\b"
)
# A question about a case ("what if ...", "and if it slips?"), and a sentence that speaks to one.
WHAT_IF = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:what|and|but|so) if\b|^\W*if\b.*\?\W*$")
CONDITION = re.compile(r"^(?:if|in case|otherwise|unless|should)\b|\b(?:if|unless|in case)\b", re.IGNORECASE)
ASKS_AN_AMOUNT = re.compile(
    r"\bhow much\b|\bhow many (?!(?:more|left|e-?mails|mails|messages|ones|of them|unread|did|do|does|are|is|have|has|new|from)\b)\w+|\bwhat (?:was|is|were|are) the (?:amount|figure|total|cost|price|sum)s?\b"
    # "what's the headcount number?", "what were the Q3 numbers she sent?"
    r"|\bwhat(?:'s|s| is| was| were| are) (?:the |her |his |their )?(?:[a-z0-9]+ ){0,2}(?:numbers?|figures?|count|total)\b"
    # "did she say roughly what it's meant to come out at, like a ballpark figure?"
    r"|\b(?:ballpark|rough) (?:figure|number|amount|total)\b|\bballpark\W*$"
    r"|\bwhat (?:the )?[\w ]*(?:spend|cost|budget|total|bill)[\w' ]* (?:come|comes) out at\b"
    # "what cloud spend figure did Sarah give?"
    r"|\bwhat (?:[a-z0-9]+ ){0,2}(?:figure|amount|total|sum|number)s? (?:did|does|do|has|have|is|was) \w+ (?:give|gave|put|say|quote|mention)\b"
)
# An amount said: a number (not the 3 of "Q3"), a currency, or a number in words.
AN_AMOUNT = re.compile(
    r"(?<![A-Za-z])\d|[$€£¥]|\b(?:hundred|thousand|million|billion|percent|dollars?|euros?|pounds?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|half)\b",
    re.IGNORECASE,
)
# What happens if nothing is done, asked and said: "what happens to me?", "... to avoid losing access".
CONSEQUENCE_ASKED = re.compile(
    r"\bwhat happens?\b|\bwhat (?:will|would|could) happen\b|\bwhat(?:'s| is) the (?:consequence|risk|catch)\b"
)
CONSEQUENCE = re.compile(
    r"\b(?:to avoid|otherwise|or else|or you(?:'ll| will)|you(?:'ll| will) lose|losing|locked out|cut off)\b",
    re.IGNORECASE,
)
ASKS_A_LENGTH = re.compile(r"\bhow (?:long|much time)\b")
A_LENGTH = re.compile(
    r"\b\d+[- ]?(?:minutes?|mins?|hours?|hrs?)\b|\b(?:half an hour|an hour|minutes|hours)\b", re.IGNORECASE
)
ASKED_ABOUT = re.compile(r"\b(?:about|regarding)\s+(?:the |a |an |my |our |some )?(?P<what>[a-z0-9'-]+)")
REQUEST = re.compile(r"\?$|^(?:can|could|would|will) you\b|^please\b", re.IGNORECASE)
# An order the mail gives, where it asks nothing ("Renew it from the portal"): not a heading
# ("Update: the launch moved", "Sign-up sheet ...").
ORDER = re.compile(
    r"^(?:renew|send|reply|confirm|review|update|sign|complete|submit|let me know|join|register|approve|book|fill|"
    r"make sure|remember)(?![-:])\s+(?:it|this|that|them|me|us|your|the|by|before|in|out|up)\b",
    re.IGNORECASE,
)


def best_sentence(question: str, text: str, ignored: frozenset[str] = frozenset()) -> str | None:
    """The email's sentence that best answers the question by shared words (the `ignored`
    words, such as the sender's name, do not count), or for a question about what is wanted,
    the email's first request; None when neither is there."""
    asked = content_words(question) - content_words(" ".join(ignored))
    sentences = [" ".join(sentence.split()) for sentence in SENTENCE_END.split(text)]
    if ASKS_AN_AMOUNT.search(question.lower()):  # "how much was the budget?": only a sentence with one
        sentences = [sentence for sentence in sentences if AN_AMOUNT.search(sentence)]
    if ASKS_A_LENGTH.search(question.lower()) and (lengths := [s for s in sentences if A_LENGTH.search(s)]):
        if len(lengths) == 1:
            return lengths[0]  # "how long do I get?": the one sentence with a length of time
        sentences = lengths
    if WHAT_IF.search(question.lower()) and (conditions := [s for s in sentences if CONDITION.search(s)]):
        sentences = conditions  # "what if I don't have the final numbers?": what the email says for that case
    elif (WHAT_IF.search(question.lower()) or CONSEQUENCE_ASKED.search(question.lower())) and (
        consequences := [s for s in sentences if CONSEQUENCE.search(s)]
    ):
        return consequences[0]  # "and if I do nothing, what happens?": what the email says is at stake
    if (best := _most_shared(asked, sentences, content_words, least=MIN_OVERLAP)) is not None:
        return best
    about = ASKED_ABOUT.search(question.lower())
    if about and (topic := content_words(about["what"])) and not topic & content_words(text):
        return None  # "did someone ask me about lunch?": not this email's request, which is of no lunch
    if ASKS_WHAT_IS_WANTED.search(question.lower()):
        request = next((sentence for sentence in sentences if REQUEST.search(sentence)), None)
        return request or next((sentence for sentence in sentences if ORDER.search(sentence)), None)
    return None


# A list run together in one sentence ("Notes: migration is 80% done, on-call handover moves to
# Tuesdays, retro is Friday."): its parts, each answered on its own.
LIST_PART = re.compile(r",\s+(?:and\s+)?|;\s+")
LABEL = re.compile(r"^[A-Z][\w ]{0,20}:\s+")  # "Notes: "


def part_asked(question: str, sentence: str) -> str:
    """The one part of a labelled list ("Notes: a, b, c") that the question asks after ("how's
    the migration going?": "migration is 80% done"), or the whole sentence when it is no such list
    of three or more, one part is a condition ("if ...", "otherwise ...": never a claim cut loose
    from it), or no single part holds what is asked."""
    labelled = LABEL.match(sentence)
    parts = LIST_PART.split(sentence[labelled.end() :]) if labelled else []
    if len(parts) < 3 or any(CONDITION.match(part) for part in parts):
        return sentence
    asked = content_words(question)
    holding = [part for part in parts if asked & content_words(part)]
    if len(holding) != 1:
        return sentence
    part = holding[0].rstrip(".!?")
    return f"{part[0].upper()}{part[1:]}."


def _meaning_words(text: str) -> set[str]:
    """Content words, and the senses SAME_SENSE reads words as, even where they are function
    words elsewhere ("want" is "need", and "I need the headcount line" holds it)."""
    senses = set(SAME_SENSE.values())
    return content_words(text) | {w for w in re.findall(r"[a-z']+", text.lower()) if w in senses}


def another_sentence(question: str, text: str, said: str, ignored: frozenset[str] = frozenset()) -> str | None:
    """A follow-up asked of the email just answered from ("and what does she actually want in
    it?"): its best sentence other than the one just said, by the words asked in their sense;
    None when no other sentence shares one."""
    asked = _meaning_words(question) - content_words(" ".join(ignored))
    sentences = [" ".join(s.split()) for s in SENTENCE_END.split(text)]
    others = [s for s in sentences if s != said and not PLEASANTRY.match(s)]
    return _most_shared(asked, others, _meaning_words)


def _most_shared(
    asked: set[str], sentences: list[str], words_of: Callable[[str], set[str]], least: int = 1
) -> str | None:
    """The first sentence that shares the most of the asked words (by `words_of`); None when
    none shares `least` of them."""
    best, best_overlap = None, 0
    for sentence in sentences:
        overlap = len(asked & words_of(sentence))
        if overlap > best_overlap:
            best, best_overlap = sentence, overlap
    return best if best_overlap >= least else None


# "Why is he asking?", "how come?", "did something blow up?": answered by what the email
# reports, not by what it asks for.
WHY_ASKED = re.compile(
    r"\bwhy\b|\bhow come\b|\bwhat(?:'s| is| was) (?:the )?reason\b|\bwhat happened\b"
    r"|\bwhat(?:'s| is| was) (?:the )?(?:actual |real |big )?(?:problem|issue|matter|trouble|deal)\b"  # "what's the actual problem"
    r"|\bdid (?:something|anything) (?:happen|break|go wrong|blow up|come up)\b"
    # "what did he say was broken?" (never "what does she want broken out": split out)
    r"|\bwhat(?:'s| is| was)? (?:\w+ ){0,4}(?:broken|broke|wrong|failing|failed)\b(?!\s+(?:out|down)\b)"
)
PLEASANTRY = re.compile(
    r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hope|thanks|thank you|cheers)\b", re.I
)
BECAUSE = re.compile(r"\b(?:because|since|so that|due to|as a result)\b", re.IGNORECASE)


def reason_of(text: str) -> str | None:
    """The email's sentence that gives a cause ("because ..."), or else its first sentence that
    reports something rather than asks or orders ("QA found a flaky login test last night.")."""
    sentences = [" ".join(sentence.split()) for sentence in SENTENCE_END.split(text)]
    reports = [
        s
        for s in sentences
        if len(s.split()) >= 4 and not (REQUEST.search(s) or ORDER.search(s) or PLEASANTRY.match(s))
    ]
    return next((s for s in reports if BECAUSE.search(s)), None) or next(iter(reports), None)


# What the sender wants, asked of them: "what's Sarah after?", "what does she want from me?"
WANT_ASKED = re.compile(
    r"\bwhat(?:'s| is| does| do| did)? (?:\w+ ){0,2}?(?:after(?! (?:that|this|it|then)\b)|want(?:s|ed|ing)?|need(?:s|ed)?|asking (?:for|me))\b"
    # "has Sarah asked me for anything", "what'd she like included"
    r"|\b(?:asked|asking) me (?:for|to)\b|\bwhat (?:exactly )?(?:she|he|they)(?:'d| would) like\b"
)
# A sentence that goes on with what was asked: "I need the headcount line ... split out."
ASK_GOES_ON = re.compile(r"^(?:i|we)(?:'d| would| will|'ll)? (?:need|want|like)\b|^(?:please|make sure|also)\b", re.I)


def wanted_of(text: str) -> str | None:
    """What the email asks of the reader where it says more of it after the request: the first
    request and the sentence that goes on with it ("... by Friday noon? I need the headcount line
    ..."); None where the request stands alone (its gist says it with what leads to it)."""
    sentences = [" ".join(sentence.split()) for sentence in SENTENCE_END.split(text)]
    for at, sentence in enumerate(sentences):
        if REQUEST.search(sentence) or ORDER.search(sentence):
            after = sentences[at + 1] if at + 1 < len(sentences) else ""
            return f"{sentence} {after}" if ASK_GOES_ON.search(after) else None
    return None


def at_most_two_sentences(text: str) -> str:
    """A spoken answer is two sentences at most."""
    return " ".join(SENTENCE_END.split(text.strip())[:2])


# "Where's it being held?", "which room?", "where do I go?": a question about a place, never
# navigation ("where was I?"), nor where the email came from or was put.
PLACE_ASKED = re.compile(
    r"\bwhere(?: (?:even|exactly|actually|again))?(?:'s|s| is| are| was| will| would|'d)\b(?! (?:i|we|you)\b)(?!.*\b(?:from|gone|went|moved|filed|put it|(?:it|that|this|they) go)\b)"
    r"|\bwhere (?:do|should|must|will|would) (?:i|we) (?:go|be|meet|drive|head|park)\b"
    r"|\b(?:which|what) (?:room|building|venue|address|location|restaurant|floor|place)\b"
    r"|\b(?:it|that|this|they) (?:is|are|was|will be) where\b"  # "this December 3, it is where?"
    r"|\b(?:say|says|said|mention|mentions|tell me|know) where\b(?! (?:i|we) (?:were|was|left)\b)"  # "does it say where it is"
    r"|^\W*(?:(?:and|so|ok|okay|um|uh)\W+)*where(?: (?:exactly|though|again|at))?\W*$"  # "where?" after an answer
    r"|\b(?:from|to|at|in) where(?: exactly| again)?\W*$"  # "renew it from where?": asked last
)
# What a sentence names a place with: "the new ramen place opened across the street", "in room 4B".
# Not "address" nor "office" alone: "we need to address the gap", "out of office until Monday".
PLACE = re.compile(
    r"\b(?:room|building|floor|venue|hotel|restaurant|caf[eé]|hall|centre|center|campus|street|road|avenue|"
    r"place|downstairs|upstairs|online|zoom|webex|dial-in|location|held (?:at|in)|(?:at|in) the office|"
    r"portal|website|site|intranet|link|url)\b",  # "renew it from where?": the portal
    re.IGNORECASE,
)
# "at the Hilton", "in Manchester": a name after "at" or "in", not a day or a month.
NAMED_PLACE = re.compile(
    r"\b(?:at|in) (?:the )?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Q[1-4])\b)[A-Z][a-z]{2,}"
)


def where_of(text: str) -> str | None:
    """The email's first sentence that names a place, for a question about where; None when no
    sentence does (the answer is then that it doesn't say, never a guess)."""
    sentences = [" ".join(sentence.split()) for sentence in SENTENCE_END.split(text)]
    return next((sentence for sentence in sentences if PLACE.search(sentence) or NAMED_PLACE.search(sentence)), None)


# "Is there lunch at the offsite?", "does it mention parking?": a thing asked after by name.
ASKS_IF_THERE_IS = re.compile(
    # "is their": how Whisper often writes "is there"; asked either way, the thing must be named
    r"\b(?:is there going to be|are there going to be|is there|are there|is their|are their|will there be|"
    r"any word (?:of|on|about)|any mention of|"
    r"(?:does|did) (?:it|she|he|they|the email) (?:mention|say anything about|talk about))\s+"
    r"(?:a |an |any |some |the )?(?P<what>[a-z0-9'-]+)"
)
# Asked after in words of their own, which other answers take: a deadline, a day, a place.
ANSWERED_OTHERWISE = frozenset(
    ["deadline", "due", "date", "time", "day", "anything", "something", "anyone", "way", "place", "room", "venue"]
    + ["going", "any", "more", "much", "many", "enough", "still", "another"]
    # said of in other words as often as named: "expect Monday" is a delay
    + ["delay", "problem", "issue", "change", "update", "news", "plan", "risk", "reason", "chance", "way"]
    # words for something said, not the thing: "is there any mention of renewal?", "any details on it?"
    + ["mention", "mentions", "details", "detail", "info", "information", "link", "links", "word", "words", "note"]
    + ["sign", "hint", "idea", "answer", "reply", "request", "question", "mail", "email", "message"]
)


def unmentioned(question: str, text: str) -> str | None:
    """The thing a question asks after that the email never names ("lunch"), by any form of the
    word ("expiry" is named by "expires", "renewal" by "renew"); None otherwise."""
    found = ASKS_IF_THERE_IS.search(question.lower())
    if found is None or found["what"] in ANSWERED_OTHERWISE or found["what"] in FUNCTION_WORDS:
        return None
    stem = found["what"][:5]
    return None if any(word.startswith(stem) for word in re.findall(r"[a-z0-9]+", text.lower())) else found["what"]
