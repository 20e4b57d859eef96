"""Questions about an email's envelope, answered from its headers: who sent it, what its subject
is, who else it went to, when it came. The body's sentences cannot answer these ("who else got
it?" is in no sentence of the mail), and the headers answer them exactly. So are questions about
its state ("is it flagged?"), answered from its flags: they are never a command to change it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from mailvox.agent.mail import Address, MessageSummary

from .briefing import ended
from .slots import last_clause
from .spoken import listed

SENDER = re.compile(
    r"\bwho (?:sent|wrote|is|was|'s)(?: (?:it|that|this)(?: one)?)?(?: from)?\b(?! (?:to|going)\b)|"
    # "who's that newsletter even from", "who's the, er, the VPN one from again?"
    r"\bwho(?:'s| is| was) (?:[\w-]+,? ){1,5}(?:even |actually )?from\b|"
    r"\bwho(?:'s| is| was) the sender\b|\bwhat(?:'s| is) (?:the|their|his|her) (?:actual |real )?(?:email )?address\b"
)
SUBJECT = re.compile(r"\b(?:subject|subject line|title)\b")
RECIPIENTS = re.compile(
    r"\bwho (?:else |all |all else )?(?:got|gets|received|was it sent to|is it to|(?:is|'s|was) on (?:it|that|this|there|the thread)|(?:is|was) (?:cc|copied))\b|"
    r"\bwho(?:'s| is| was) on (?:copy|the (?:email|mail|message|cc))\b|"  # "who's on copy?"
    r"\bwho (?:else |all )?(?:is|are|was|were) (?:there )?(?:in|on) (?:it|that|this|the)\b(?: (?:email|mail|message|thread|one))?\W*(?:also|too|as well)?\W*$|"  # "who all are there in that mail also"
    r"\bwho (?:else |all )?(?:is|'s|was) on [a-z]+'?s(?: (?:email|mail|message|one))?\W*$|"  # "who else is on bobs?"
    r"\b(?:cc|cc'd|ccd|copied)\b|\bjust (?:me|to me)\b|\b(?:was|am|were) i the only one\b|\b(?:anyone|anybody) else on\b|\b(?:whole|entire) team\b|\bwho(?:'s| is| was) (?:it|that|this) (?:sent )?to\b|"
    r"(?:^|[,;.]\s*)(?:\w+ )?(?:is|was|are|were) (?!it\b|that\b|this\b|there\b)[a-z]+(?: [a-z]+)? on (?:it|that|this|the (?:thread|email))\W*$"  # "is Sarah on it?"
)
ARRIVAL = re.compile(
    r"\bwhen(?:'d| was| did) (?:it|that|this|she|he|they|the [a-z0-9]+(?: [a-z0-9]+)?|[a-z]+'s)(?: one| email)? "
    r"(?:sent|send|come in|arrive|get here|land)\b|"  # "when did the IT one come in?"
    r"\bwhat time did (?:it|that|this) (?:come|arrive)\b|\bhow old is (?:it|that|this)\b"
    r"|\bwhat time did (?:he|she|they) send (?:it|that|this)\b"  # "what time did he send that?"
    r"|^\W*(?:(?:and|so|ok|okay)\W+)*(?:sent|arrived|came in|received) when\b"  # "sent when?", said tersely
)

# A question about the email's state is the last thing said, after at most a few lead-in words:
# "sorry, was on the phone, did that go out?"; never words dictated after "tell him".
_LEAD = r"^(?:(?:so|and|but|oh|ah|um+|uh+|er+m?|hm+|hey|wait|ok|okay|sorry|actually|just|well|yeah|right|cool|great|nice|alright|perfect|thanks|good|fine|quick question|hang on|hold on|one sec)\W+)*"
_IT = r"(?:it|that|this|that one|this one)"
_THING = (
    rf"(?P<what>{_IT}|(?:the|that|this|[a-z0-9-]+'s) (?:[a-z0-9'-]+ ){{0,3}}?(?:email|mail|message|one|newsletter|notes)"
    r"|(?!(?:it|that|what|there|here|who|he|she)'s)[a-z0-9-]+'s"  # "is Bob's still unread?"
    r"|(?!(?:it|that|this|what|there|here|he|she|everything|anything|anyone|anybody|mine|one|everyone|nothing)\b)"
    r"[a-z0-9-]+(?= (?:still|already) ))"
)
_STATES: list[tuple[str, list[str]]] = [
    (
        "flagged",
        [
            rf"(?:is|was) {_THING} (?:already |still )?(?:flagged|starred|marked important)",
            rf"(?:has|have) {_THING} (?:already )?been (?:flagged|starred)",
            rf"did (?:i|you) (?:already |ever |just |really )?(?:flag|star) {_THING}",
            rf"{_THING}(?:'s| is) (?:already |still )?(?:flagged|starred),? (?:right|yeah|isn't it|is it)",
        ],
    ),
    (
        "read",
        [
            rf"(?:is|was) {_THING} (?:already |still )?(?:marked )?(?:as )?(?:read|unread|opened)",
            rf"(?:did|have|had) (?:i|you) (?:already |ever )?(?:read|open|opened|seen|see) {_THING}",
        ],
    ),
    (
        "moved",
        [
            rf"did you (?:already |actually |just |really )?(?:archive|delete|trash|bin|file|move) {_THING}",
            rf"(?:is|has) {_THING} (?:already )?(?:been )?(?:archived|deleted|trashed|filed|moved)",
        ],
    ),
    (
        # where it is now, asked after moving it back: "is it back?", "is it still in my inbox?"
        "inbox",
        [
            rf"(?:is|was) {_THING} (?:back(?: in (?:my|the) inbox)?$|(?:still )?in (?:my|the) inbox)",
            rf"did {_THING} come back",
        ],
    ),
    (
        # which folder it is in: "what folder is it in now?", "so where did it end up?"
        "folder",
        [
            rf"(?:what|which) folder(?:'s| is| did) {_THING}(?: go)?(?: in| into| under| end up in)?(?: now)?$",
            rf"where(?:'s| is| did| has) {_THING} (?:now|gone|go|end up|ended up|land|landed)(?: now)?$",
        ],
    ),
    (
        # about what the caller had the agent send: "did that go out already?", "did you send it?"
        "sent",
        [
            # "did the Priya one go?", "so nothing went to Bob?"
            r"did the [a-z]+ one (?:already |actually )?(?:go|go out|get sent)$",
            # "did that go?", "did they both go?"
            r"did (?:it|that|this|they|those|both|my (?:reply|replies|email|message|forward|answer)|the (?:reply|replies|draft|forward))"
            r"(?: one| both| two| all)? (?:both |all )?(?:already |actually |really |even )?go$",
            r"(?:so )?nothing (?:went|has gone|got sent|was sent)(?: out)?(?: to \w+)?$",
            r"(?:did|has|have) (?:it|that|this|my (?:reply|email|message|forward|answer)|the (?:reply|draft|forward))"
            r"(?: one)? (?:already |actually |really |even )?(?:go out|gone out|go through|gone through|send|been sent|get sent)",
            r"did you (?:already |actually |just |really )?send (?:it|that|my reply|the reply|the forward)",
        ],
    ),
    (
        # what became of the caller's draft, asked of Drafts: "is it still saved somewhere?"
        "saved",
        [
            r"(?:is|was|did|has|had) (?:it|that|this|the (?:draft|reply)|my (?:reply|draft))(?: one)? (?:still |already |actually )?"
            r"(?:(?:get |got |been |gotten )?(?:saved|kept)(?: somewhere| anywhere| as a draft)?$|(?:[a-z]+ ){0,2}in(?:to)? (?:my |the )?drafts)",
            r"did you (?:save|keep) (?:it|that|the draft|my reply|my draft)$",
            r"did you say (?:it's|it is|it was|that's|that it's|it got) (?:saved|kept|in (?:my |the )?drafts)$",  # "you cut out, did you say it's saved"
            r"where(?:'s| is| did) (?:the draft|my reply|my draft)(?: go)?$",
        ],
    ),
    (
        # whether a reply to the email is in Sent: "did I ever answer that?"
        "replied",
        [
            r"(?:did|have|had) i (?:already |ever |even )?(?:answer|answered|reply to|replied to|respond to|responded to|"
            rf"get back to|gotten back to|got back to|write back to|written back to) (?:{_THING}|him|her|them)",
            # a sender by name: "did I ever get back to Bob?" asks of Bob's email
            r"(?:did|have|had) i (?:already |ever |even )?(?:answer|answered|reply to|replied to|respond to|responded to|"
            r"get back to|gotten back to|got back to|write back to|written back to) "
            r"(?!(?:it|that|this|everyone|everybody|anyone|anybody|all|you|yet|already|them|him|her|me|us)\b)"
            r"(?P<name>[a-z][a-z'-]+)(?: [a-z][a-z'-]+)??(?: on (?:that|this|it))?(?: yet| already)?$",
        ],
    ),
]
# A request that dictates what follows it: a question after it is the reply's, not the caller's.
DICTATES = re.compile(
    r"^(?:(?:ok|okay|so|and|then|now|uh|um|just|please|can you|could you)\W+)*"
    r"(?:reply|respond|answer|tell|ask|write|text|email|let \w+ know)\b"
)
STATE_QUESTIONS = [(state, [re.compile(_LEAD + form + r"\b") for form in forms]) for state, forms in _STATES]


def state_question(question: str) -> tuple[str, str] | None:
    """The state asked about ("flagged", "read", "moved", "inbox", "folder", "sent", "saved"
    or "replied") and the email it is asked of ("it", "sarah's email"), when the question's last clause asks whether the email
    (or the caller's reply) is so; else None. Envelope questions ("when was it sent?") are not."""
    whole = question.lower().strip().rstrip("?.!")
    if envelope_question(whole) or DICTATES.match(whole):
        return None  # "reply to Sarah, did the Acme one go out?": words of a reply
    for said in (whole, last_clause(whole)):  # "it's flagged, right?"; "sorry, ..., did it go?"
        for state, forms in STATE_QUESTIONS:
            for form in forms:
                if found := form.search(said):
                    if name := found.groupdict().get("name"):
                        return state, name.removesuffix("'s") + "'s email"
                    what = found.groupdict().get("what") or "it"
                    if what.isalpha() and what not in ("it", "that", "this"):  # "is Bob still unread?": Bob's
                        what = f"{what}'s email"
                    return state, what
    return None


# To whom what the caller sent went: "did that go to the whole platform team?", "who got it?"
SENT_TO = re.compile(
    _LEAD + r"(?:did (?:it|that|this|my (?:reply|email|message|forward|answer)|the (?:reply|draft|forward))"
    r" (?:already |actually |really |just )?go (?:out )?to (?:the )?(?:whole |entire )?[a-z]+(?: [a-z]+){0,2}"
    r"(?: or (?:to )?(?:the )?(?:whole |entire )?[a-z]+(?: [a-z]+){0,2})?"  # "... to priya or the whole offsite group"
    r"|who (?:did (?:it|that|my reply|the reply) go to|got (?:it|that|my reply|the reply))"
    r"|did (?:she|he|they|[a-z]+) (?:get|receive) (?:it|that|my reply|the reply|my email))$"  # "did she get it?"
)


def asks_whom_it_went_to(question: str) -> bool:
    """Whether the question's last clause asks whom something sent went to."""
    whole = question.lower().strip().rstrip("?.!")
    return any(SENT_TO.search(said) for said in (whole, last_clause(whole)))


def state_answer(state: str, flags: set[str]) -> str:
    """The answer from the email's flags as the server has them now ("flagged" or "read")."""
    if state == "flagged":
        return "Yes, it's flagged." if "\\Flagged" in flags else "No, it isn't flagged."
    return "It's marked read." if "\\Seen" in flags else "It's still marked unread."


def envelope_question(question: str) -> bool:
    """Whether the question asks about the envelope rather than what the email says."""
    said = question.lower()
    return any(pattern.search(said) for pattern in (RECIPIENTS, SENDER, SUBJECT, ARRIVAL))


def envelope_answer(
    question: str, message: MessageSummary, sender: str, my_address: str, named: Callable[[Address], str]
) -> str | None:
    """The answer from the headers, or None when the question is not about them. `sender` is
    how the briefing names the sender (a name that gives orders is not read out); `named` says
    any other address the same way."""
    said = question.lower()
    if RECIPIENTS.search(said):  # before the sender: "who was it sent to" is not "who sent it"
        others = [named(a) for a in [*message.to, *message.cc] if a.email.lower() != my_address.lower()]
        if not others:
            return "Just to you."
        to = listed(list(dict.fromkeys(others)))  # one person named once, whether on To or Cc
        return f"It went to you and {to}." if _to_me(message, my_address) else f"It went to {to}."
    if SENDER.search(said):
        return f"It's from {sender}, {message.sender.email}."
    if SUBJECT.search(said):
        return f"The subject is: {ended(message.subject)}" if message.subject else "It has no subject."
    if ARRIVAL.search(said):
        return f"It came {_spoken_time(message.date)}." if message.date else "It has no date on it."
    return None


def _to_me(message: MessageSummary, my_address: str) -> bool:
    return any(a.email.lower() == my_address.lower() for a in [*message.to, *message.cc])


def _spoken_time(when: datetime) -> str:
    """ "on Monday, December 1 at 9:14 AM": the day and time as the sender's clock had them."""
    clock = when.strftime("%I:%M %p").lstrip("0")
    return f"on {when.strftime('%A, %B')} {when.day} at {clock}"
