"""Nothing the agent says claims an action it did not take.

Only the fast path acts on mail (through the action gate) and says what it did. An LLM answer
never acts, so one that says "I've deleted it", "sent" or "moved to trash" is not true: it is
replaced with a line grounded in what happened, which is nothing.
"""

from __future__ import annotations

import re

_DONE = (
    r"(?:deleted|sent|forwarded|moved|archived|trashed|removed|muted|flagged|replied|emptied|unsubscribed|blocked|"
    r"e-?mailed|responded|taken care of|handled|dealt with)"  # "I emailed them", "I've taken care of that"
)
_DO = r"(?:delete|send|forward|move|archive|trash|remove|mute|flag|reply|empty|unsubscribe|block|e-?mail)"
_ADVERB = r"(?:(?:now|just|already|successfully|also|gone ahead and|went ahead and)\s+)?"
_NOT_AN_ACT = r"(?!\s+(?:by|from|to you|to all|on|at|in|after|automatically|yesterday|last|earlier|this morning)\b)"
# what the mail's sender reports ("Bob says it's been moved") is content, not the agent's claim
_NOT_REPORTED = r"(?<!says )(?<!said )(?<!wrote )(?<!writes )(?<!wrote that )(?<!says that )(?<!said that )"
_SENTENCE = r"(?:^|[.!?]\s+)"
CLAIM = re.compile(
    # the agent as the doer: "I've deleted it", "we have sent", "I went ahead and archived it"
    rf"{_NOT_REPORTED}\b(?:I|we)(?:'ve|\s+have|\s+had)?\s+{_ADVERB}{_DONE}\b"
    # "I'll delete it", "I'm going to send"
    rf"|\b(?:I|we)(?:'ll|\s+will|'m going to|\s+am going to)\s+{_ADVERB}{_DO}\b"
    rf"|\bI(?:'ve|\s+have)\s+(?:created|set up|made)\s+(?:a|the)\s+rule\b"
    # the mail as what was done to: "it has been sent", "it's been sent", "your inbox was forwarded"
    rf"|{_NOT_REPORTED}\b(?:it|this|that|the (?:e-?mail|message|mail|draft|reply)|your (?:e-?mails?|messages?|mail|inbox|draft|reply)|"
    rf"everything|all (?:of )?(?:the |your )?(?:e-?mails?|mail|messages))(?:'s|\s+(?:has|have|was|were|is|are))\s+"
    rf"{_ADVERB}(?:been\s+)?{_DONE}\b{_NOT_AN_ACT}"
    # a sentence that is only the outcome: "Done, deleted.", "Moved to trash.", "Mail forwarded."
    rf"|{_SENTENCE}(?:done[.!,]?\s+|okay[.!,]?\s+)?(?:deleted|sent|forwarded|archived|trashed|muted|moved to (?:the )?trash)\b"
    rf"|{_SENTENCE}(?:the |your )?(?:e-?mails?|mail|messages?)\s+{_DONE}\b{_NOT_AN_ACT}"
    # done with nothing after it: "Done.", "All set.", "Consider it done", "Consider it deleted"
    rf"|{_SENTENCE}(?:done|all (?:set|done))(?=\s*[.!,]|\s*$)"
    rf"|\bconsider it\s+(?:done|{_DONE})\b",
    re.IGNORECASE,
)
GROUNDED = "I haven't changed anything in your mail. To act on it, say what you want, like archive it, and I'll confirm it first."


def claimed_action(text: str) -> str | None:
    """The words in `text` that claim an action on mail, or None."""
    match = CLAIM.search(text)
    return match.group(0).strip(" .!?") if match else None


def grounded(llm_answer: str) -> str:
    """An LLM answer as it may be said: unchanged, or GROUNDED if it claims an action."""
    return GROUNDED if claimed_action(llm_answer) else llm_answer
