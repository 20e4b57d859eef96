"""End of turn for a driver's short commands.

LiveKit's audio end-of-turn model judges from the voice whether the user has finished. On
short commands it often is not sure ("Next." said flatly), and then the session waits the
endpointing maximum (2.5 s) before answering. When the words heard so far already make a
whole fast-path command, this detector lets the usual short pause end the turn instead.
The same holds for a finished question ("What does Sarah need from me?"): the transcriber
heard a question's shape and a question mark, and ending it early costs nothing worse than an
interruption if the user goes on (a question acts on no mail).
Commands that carry dictated words (a reply's text, a rule's name) or send mail keep the
model's judgement: the user may still be talking, and a send should never be rushed.

Pauses are not ends (issue 16). A request that is plainly unfinished ("reply to Sarah saying",
"read me the email from", "tell Bob", anything ending on "and", "uh", "to", "from") waits the
endpointing maximum whatever the audio model thinks: a driver looking for a name pauses 0.5 to
1.5 s mid-sentence, with falling pitch the model takes for an ending. If such a turn is cut
anyway (a longer pause), the agent only says "Go on." and joins the next words to it
(`joined_request`).
Two kinds of words look unfinished and are not, or end and often are not:
- a question may end on its preposition ("When does she need it by?", "Who is it from?"): with
  the question mark the transcriber heard, the audio model judges it, and it is answered;
- "wait" or "hold on" has done its work once the agent stopped talking, and a driver often goes
  on ("wait, go back to the Bob email"): the turn waits for the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Callable, Sequence
from typing import Any, Literal

from livekit.agents import inference

from .commands import parse
from .slots import PRONOUNS, clean, last_clause
from .understanding import is_sure, understand

NEEDS_THE_MODEL = {"reply", "draft", "add", "send", "mute"}


QUESTION = re.compile(
    r"^(what|when|who|whom|whose|where|why|how|which|is|are|was|were|do|does|did|should|shall|can|could|"
    r"will|would|has|have|had|any|anything)\b.*\w.*\?$",
    re.IGNORECASE,
)


def is_whole_command(transcript: str) -> bool:
    command = parse(transcript)
    return command is not None and command.kind not in NEEDS_THE_MODEL


LEAD_IN_FILLER = re.compile(r"^(?:(?:uh+|um+|er|erm|hmm|oh|so|okay|ok|and|well|hey)[,.]?\s+)+", re.IGNORECASE)


def is_finished_question(transcript: str) -> bool:
    """At least three words, opening like a question (after any "uh, so") and ending in a
    question mark."""
    text = LEAD_IN_FILLER.sub("", transcript.strip())
    return len(text.split()) >= 3 and QUESTION.match(text) is not None


def needs_no_more_waiting(transcript: str) -> bool:
    return (is_whole_command(transcript) and not is_cut_short(transcript)) or is_finished_question(transcript)


# Words no request ends on: the caller is still finding the next word ("from ... Sarah").
UNFINISHED_ENDINGS = frozenset(
    [
        "and",
        "or",
        "but",
        "because",
        "uh",
        "um",
        "umm",
        "er",
        "erm",
        "hmm",
        "to",
        "from",
        "for",
        "about",
        "with",
        "of",
        "by",
        "at",
        "into",
        "onto",
        "saying",
        "say",
        "says",
        "tell",
        "telling",
        "the",
        "a",
        "an",
        "my",
        "your",
        "our",
        "their",
    ]
)
# Verbs that usually wait for what they say ("the numbers are ... almost done") but can end a
# reply ("yes it is", "tell Bob I can"): the turn waits longer, and is then acted on as it is.
AUXILIARIES = frozenset(["is", "are", "was", "were", "am", "be", "will", "would", "should", "could", "can", "must"])
TRAILING_OFF = re.compile(r"(?:\.\.\.|…|[-–—,:])\s*$")  # how Whisper writes a voice trailing off


# Words a question may end on: its preposition, its question word being their object ("who ...
# from?"), or its verb ("do you know where she is?").
QUESTION_MAY_END_ON = (
    frozenset(["to", "from", "for", "about", "with", "of", "by", "at", "into", "onto", "say", "says", "said"])
    # a question's own verb last: "who's he going to tell?", "what am I meant to do?"
    | frozenset(["tell", "do", "want", "need", "mean", "know", "think", "pay", "use"])
    | AUXILIARIES
)


def strands_a_preposition(transcript: str) -> bool:
    """A finished question that ends on its preposition or its verb: "What is it about?", "the
    older one, what was that about?" (its last clause)."""
    for text in (transcript, last_clause(transcript)):
        words = clean(text).split()
        if words and is_finished_question(text) and words[-1] in QUESTION_MAY_END_ON:
            return True
    return False


# A question by its first words, after any "wait,": a question word and more ("what's Bob
# saying", "wait, what broke", "which features"), not "what about the one from ...".
QUESTION_OPENING = re.compile(
    r"^(?:(?:wait|hold on|hold up|hang on|sorry|so|and|but|oh|hmm|hey|okay|ok|like|right|alright|all right) )*"
    r"(?:(?:what|when|who|whom|where|why|how|which)(?:'s|'re|'d|'ve|'ll| (?!about\b)\w)|"  # "what'd sarah put"
    r"(?:do|does|did|is|are|was|were|has|have) (?:any|there|anyone|anybody|i|you|he|she|they|we|it|that|this)\b|"
    r"(?:did|does|has) [a-z]+(?: [a-z]+)? (?:say|said|ask|asked|want|wanted|mention|need|give|send|reply|write)\b|"  # "did sara chin say ..."
    r"(?:anything|anyone|anybody)\b)"  # "anything in there I need to deal with"
)


def opens_as_question(transcript: str) -> bool:
    """A question, said without the question mark a typed or a hurried turn may lack: once its
    turn has ended it is answered, not met with "Go on." even when it ends on "about"."""
    return QUESTION_OPENING.match(LEAD_IN_FILLER.sub("", clean(transcript))) is not None


# A question begun after a lead-in clause without a comma: "ok and if we slip what's the backup day".
QUESTION_WITHIN = re.compile(r"\b(?:what|when|where|why|how|which|who)(?:'s| is| was| are| were| do| does| did)\b")


def asks_in_it(transcript: str) -> bool:
    """A question in the words, at their start, after a comma ("ok, like which numbers") or
    after a lead-in clause ("and if we slip what's the backup day")."""
    clauses = re.split(r"[,.;!?]\s+", transcript.strip())
    return any(opens_as_question(clause) for clause in clauses) or QUESTION_WITHIN.search(clean(transcript)) is not None


def ends_as_a_question(transcript: str) -> bool:
    """A question said without its mark that may end where it does: on its preposition, its
    verb or "saying" ("what's VendorX going on about", "what's Bob saying"), not on "the" or
    "and" ("what's the deadline for the ...")."""
    words = clean(transcript).split()
    return (
        # the question may follow what the caller says first: "sorry, you broke up, what time did she say"
        asks_in_it(transcript)
        and bool(words)
        and words[-1] in QUESTION_MAY_END_ON | {"saying", "say", "says"}
        and TRAILING_OFF.search(transcript) is None
    )


# Where a preposition may end a finished sentence: a clause of its own ("who it was from", "the
# ones I gotta deal with"), or a question mark after it ("what exactly are they saying?").
CLAUSE_ENDS_ON_IT = re.compile(
    r"\b(?:who|what|which|one|ones|where)\s+(?:i|you|he|she|it|we|they|it's|i've|i'm|you're|they're)\s+"
    r"(?:[\w']+\s+){0,3}[\w']+[.?!]\s*$",
    re.IGNORECASE,
)
# A sentence that ends on its preposition, finished without a mark: a passive ("the test is being
# looked at"), a clause after "what" or "the one" ("what I was thinking of", "the one I asked
# for"), or an infinitive ("nothing to worry about").
FINISHED_ON_PREPOSITION = re.compile(
    r"\b(?:being|been|be|is|are|was|were|get|gets|got|getting) \w+ed (?:at|about|of|on|with|over|up|out)$"
    r"|(?:\b(?:what|which|the one|the ones|the thing|whatever) (?:i|you|we|he|she|they) (?:[\w']+ ){0,2}[\w']+"
    r"|\bto (?:worry|think|talk|look|deal|care|hear|wait|go|come back))"
    r" (?:at|about|for|into|of|on|to|with|from|in|over|up|out)$"
    r"|\b(?:going|banging|harping|rambling) on about$|\b(?:what's|what is|whats) \w+ on about$"  # "what's bob on about"
    # a question that ends on its preposition: "and like, when by", "when's it due by", "who's it from"
    r"|\bwhen(?:'s| is| do| does| did)? (?:[\w']+ ){0,3}?by$|\bwho(?:'s| is| was) (?:[\w']+ ){0,2}?(?:from|to|for)$"
    r"|\bwhat(?:'s| is| was) (?:it|that|this) (?:for|about)$"
)
NEVER_LAST = frozenset(["and", "or", "but", "the", "a", "an", "my", "your", "uh", "um", "umm", "er", "erm", "hmm"])


def is_cut_short(transcript: str) -> bool:
    """The words stop mid-phrase: on a joining word, a filler, or a trailing-off mark."""
    words = clean(transcript).split()
    if not words or strands_a_preposition(transcript) or FINISHED_ON_PREPOSITION.search(" ".join(words)):
        return False
    asked = (
        transcript.rstrip().endswith("?") and words[-1] not in QUESTION_MAY_END_ON - AUXILIARIES
    )  # not "forward it to?"
    if words[-1] not in NEVER_LAST and (asked or CLAUSE_ENDS_ON_IT.search(transcript)):
        return False
    return words[-1] in UNFINISHED_ENDINGS or TRAILING_OFF.search(transcript) is not None


def lacks_its_words(transcript: str) -> bool:
    """The request is understood but what it is about is not said yet: a reply without its
    words ("tell Bob"), an email without whose it is, a forward without to whom."""
    intent = understand(transcript)
    slots = intent.slots
    if intent.name == "reply":
        return not slots.words
    if intent.name == "draft":
        return not slots.about
    if intent.name in ("go_to", "search"):
        return not (slots.who or slots.topic)
    if intent.name in ("mute", "unmute"):
        return not slots.who and not any(word in PRONOUNS for word in clean(transcript).split())
    if intent.name == "forward":
        return not slots.who
    if intent.name == "move":
        return not slots.folder
    if intent.name == "add":
        return not slots.words
    return False


def wants_more_words(transcript: str) -> bool:
    """An incomplete request: it waits the endpointing maximum before the turn ends."""
    if not transcript.strip() or (is_whole_command(transcript) and not is_cut_short(transcript)):
        return False
    return (
        is_cut_short(transcript)
        or ends_on_an_auxiliary(transcript)
        or lacks_its_words(transcript)
        or (dictation_cut_short(transcript) and understand(transcript).name in ("reply", "add", "forward"))
    )


# Words after which a sentence may end on its verb: "that's what it is", "I'll see where they are".
_ENDS_ON_ITS_VERB_AFTER = frozenset(
    [
        "it",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "that",
        "this",
        "there",
        "who",
        "what",
        "where",
        "how",
        "which",
        "one",
    ]
)


def dictation_cut_short(transcript: str) -> bool:
    """Dictated words that stop on their verb after a subject that needs more: "say ten forty
    is" (never "tell him that's what it is")."""
    words = clean(transcript).split()
    if len(words) >= 2 and (
        words[-1] in _NEVER_LAST_DICTATED or (words[-1] in _SUBJECT_AND_VERB and words[-2] != "what")
    ):
        return True  # "saying we're still", "tell him we'll": the rest is coming
    return len(words) >= 2 and words[-1] in AUXILIARIES and words[-2] not in _ENDS_ON_ITS_VERB_AFTER


# Words dictated words never end on: "saying we're still ...", "tell her I'm just ..."
_NEVER_LAST_DICTATED = frozenset(["still", "just", "also", "gonna", "going", "definitely", "probably", "really", "not"])
# A subject with its verb run together: "saying we're ...", "tell him I'll ..."
_SUBJECT_AND_VERB = frozenset(
    ["we're", "i'm", "they're", "you're", "i'll", "we'll", "they'll", "you'll", "i've", "we've", "he'll", "she'll"]
)


def ends_on_an_auxiliary(transcript: str) -> bool:
    words = clean(transcript).split()
    return bool(words) and words[-1] in AUXILIARIES and not strands_a_preposition(transcript)


def pause_verdict(transcript: str) -> Literal["end", "wait", "model"]:
    """What a pause after these words means: "end" the turn at the short pause, "wait" the
    endpointing maximum for the rest of the request, or let the audio "model" judge."""
    intent = understand(transcript)
    if wants_more_words(transcript) or (intent.name == "pause" and is_sure(intent)):
        return "wait"
    if strands_a_preposition(transcript) and not is_whole_command(transcript):
        return "model"
    if needs_no_more_waiting(transcript):
        return "end"
    return "model"


# What the agent says to a turn that was cut short: short, and no answer to the fragment.
GO_ON = "Go on."
# ... said only after this beat: the rest of the request may already be on its way (a final
# transcript LiveKit committed the turn before), and its turn then replaces the "Go on."
GO_ON_AFTER_S = 1.0
MAX_JOINED = 3  # a request is not spread over more turns than this


# The request called off, whole or with what the caller will do instead: "oh, never mind then",
# "nah actually scrap that, I need to check with my manager first".
CALLED_OFF = re.compile(
    r"^(?:(?:oh|ah|um|uh|well|no|nah|ok|okay|actually|wait|hmm|yeah|yes|right|fine|hang on|sorry|just)\W+)*"
    r"(?:never ?mind|forget (?:it|that|about it)|cancel(?: that| it)?|scratch that|scrap (?:that|it)|don't bother|"
    r"leave it(?: (?:in the inbox|where it is|as it is|there|alone|be))?)"
    r"(?:\W+(?:then|thanks|thank you|it's fine|that's fine|for now|later|(?:just )?leave it|(?:no,? )?don't(?: do it)?|"
    r"(?:i'll|i will|i need to|i have to|i've got to|i gotta|i want to|let me) [a-z' ]{1,40}))*\W*$"
)


# The caller holding the conversation up, alone or with why ("hang on, there's a truck"): never
# the words a request was waiting for. "Wait, we need QA first" and "hold on a sec, yes 10:40
# works" are those words, so only a reason may follow.
HELD_UP = re.compile(
    r"^(?:(?:oh|ah|um|uh|sorry|ok|okay)\W+)*(?:(?:hang|hold) on(?! ?to\b)|one sec(?:ond)?|just a (?:sec|second|moment|minute)|"
    r"give me a (?:sec|second|moment|minute))(?: a (?:sec|second|moment|minute))?"
    r"(?:\W*$|\W+(?:there's|there is|there are|let me|i need to|i have to|i've got to|i gotta|someone|somebody|"
    r"this guy|traffic|the kids|my kid|a truck|a car|the phone)\b)"
)


def joined_request(turns: Sequence[tuple[str, str]]) -> str:
    """The newest user words, joined to the turns before them that were incomplete requests the
    agent has not answered (it said nothing, or only "Go on."). `turns` is the conversation as
    (role, text), oldest first, ending with the user's newest words. A newest turn that is a
    whole command by itself ("next", "cancel") is never joined: the caller changed course."""
    *earlier, (_, newest) = turns
    if is_whole_command(newest) or CALLED_OFF.match(newest.lower()) or HELD_UP.match(newest.lower()):
        return newest
    joined = newest
    agent_answered = False
    for role, text in reversed(earlier[-2 * MAX_JOINED :]):
        if role == "assistant":
            # anything but "Go on." answers it, however short ("Mute news@vendorx.example?")
            agent_answered = agent_answered or (bool(clean(text)) and clean(text) != clean(GO_ON))
            continue
        if role != "user" or agent_answered or not wants_more_words(text):
            break
        if _said_anew(newest, text):
            break  # "uh the, fore word that to, uh" then "forward Bob's email to Sarah": begun again
        joined = f"{text.rstrip(' .,…-–—')} {joined}"
    return joined


def cut_off_before(turns: Sequence[tuple[str, str]]) -> str | None:
    """The words the caller broke off just before the newest ones (met with "Go on."), or None."""
    *earlier, _ = turns
    if len(earlier) >= 2 and earlier[-1] == ("assistant", GO_ON) and earlier[-2][0] == "user":
        return earlier[-2][1]
    return None


def _said_anew(newest: str, fragment: str) -> bool:
    """Whether the newest words are a whole request of their own after a fragment that was none,
    or that was the same request begun ("forward that to, uh" then "forward Bob's email to Sarah")."""
    request, begun = understand(newest), understand(fragment)
    restated = begun.name == request.name and lacks_its_words(fragment)  # its words were all still to come
    return is_sure(request) and not lacks_its_words(newest) and (not is_sure(begun) or restated)


# A threshold above any probability: the audio model's verdict always reads "not done yet",
# so LiveKit waits its max_delay (audio_recognition: probability < threshold -> max_delay).
ALWAYS_UNLIKELY = 1.01


# A transcript this recent covers the speech before the pause: the STT service decodes after
# 0.25 s of quiet, and LiveKit's VAD ends speech after 0.4 s. Older, it was decoded while the
# caller was still talking and may lack their last words ("read me the" of "read me the email
# from Sarah"): the pause is judged once the next one comes, or after WAIT_FOR_WORDS_S.
FRESH_WORDS_S = 0.3
WAIT_FOR_WORDS_S = 0.6


class HeardSoFar:
    """What the user has said so far in the current turn (its final transcripts and the newest
    interim one), and when the transcriber last said it."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.finals: list[str] = []
        self.interim = ""
        self._clock = clock
        self._at = -1e9
        self._news = asyncio.Event()
        self._final = asyncio.Event()

    @property
    def text(self) -> str:
        return " ".join([*self.finals, *([self.interim] if self.interim else [])])

    def update(self, transcript: str, final: bool) -> None:
        if final:
            self.finals.append(transcript)
            self.interim = ""
            self._final.set()
        else:
            self.interim = transcript
        self._at = self._clock()
        self._news.set()

    def clear(self) -> None:
        """A new turn: the last one's words no longer count."""
        self.finals, self.interim = [], ""

    @property
    def pending(self) -> bool:
        """Part of the turn is final and its newest words are not yet: the turn must not end
        on the final part alone (LiveKit would commit it without the rest)."""
        return bool(self.finals and self.interim)

    async def finalized(self) -> str:
        """The words once the pending ones are final, or after WAIT_FOR_WORDS_S."""
        self._final.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._final.wait(), WAIT_FOR_WORDS_S)
        return self.text

    async def caught_up(self) -> str:
        """The words, once the transcriber has caught up with the speech before this pause."""
        if self._clock() - self._at > FRESH_WORDS_S:
            self._news.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._news.wait(), WAIT_FOR_WORDS_S)
        return self.text


class CommandAwareTurnDetector(inference.TurnDetector):
    def __init__(self, flush_transcriber: Callable[[], bool] | None = None, **options: Any) -> None:
        super().__init__(**options)
        self.heard = HeardSoFar()
        # asks the STT for the final words now: a turn that paused once must not end without them
        self.flush_transcriber = flush_transcriber

    def stream(self, **options: Any) -> Any:
        return _CommandAwareStream(super().stream(**options), self)


class _CommandAwareStream:
    """LiveKit's detector stream, except that a whole command or a finished question is never
    'unlikely to be done', and an incomplete request always is."""

    def __init__(self, inner: Any, detector: CommandAwareTurnDetector) -> None:
        self._inner = inner
        self._detector = detector

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def unlikely_threshold(self, language: Any) -> float | None:
        heard, flush = self._detector.heard, self._detector.flush_transcriber
        said = await heard.caught_up()
        verdict = pause_verdict(said)
        if heard.pending:
            # "Read me the email from. | Jamie": ended now, LiveKit would commit the turn's first,
            # final part alone, and answer "Jamie" as a turn of its own. A sure end asks for the
            # rest's final, which comes in tens of ms and restarts LiveKit's end-of-turn check,
            # ending the turn whole; any other waits, and that final comes during the wait.
            if verdict == "end" and flush is not None and flush():
                verdict = pause_verdict(await heard.finalized())
            else:
                verdict = "wait"
        if verdict == "end":
            return None  # no probability counts as unlikely: the short pause ends the turn
        if verdict == "wait":
            return ALWAYS_UNLIKELY
        threshold: float | None = await self._inner.unlikely_threshold(language)
        return threshold
