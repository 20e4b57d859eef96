"""Fast-path commands: the things a driver says most ("next", "repeat", "go back to the Bob
email") are recognised from the transcript without a model call."""

from __future__ import annotations

import re
from dataclasses import dataclass

TRAILING = r"(?:please|thanks|thank you)"
FILLER = (
    r"(?:please|ok(?:ay)?|um+|uh+(?! huh\b)|hmm+|so|and|now|then|just|could you|can you|would you|wait|hey|sorry|actually no|no actually|actually|oh|no wait|"
    r"hi there|hi|hello|possibly|kindly|"
    r"on second thought|you know what)"
)


@dataclass(frozen=True)
class Command:
    # navigation: yes, no, next, previous, repeat, read_all, remaining, pause, resume, go_to,
    # deadline, skip_sender, slower, faster; mail: reply, draft, add, edit, send, cancel, archive, flag,
    # unflag, read, unread, delete, undo, mute; audit (what was done today)
    kind: str
    argument: str = ""
    target: str = ""  # reply: who to (when said)


# Acting on mail ("reply to Sarah's email", "get rid of the VendorX one") is never a fast path to
# the email: the understanding model and the confirmations handle it.
NOT_NAVIGATION = (
    r"(?!.*\b(?:reply|respond|response|answer|forward|send|delete|archive|flag|unflag|mute|draft|write|mark)\b)"
    # verbs that are also names ("Bin Zhang") count only as the request's own, in its first words
    r"(?!(?:[a-z']+ ){0,3}(?:get rid|trash|bin|star|unstar|remove|erase|junk|toss|dump|chuck|ditch|nuke|scrap|file|move(?! on)|put|"
    r"block|silence|unsubscribe|pin|bounce|pass)\b)"
)
# A few words of lead-in, whatever the recognizer made of them ("read me", "we need", "go back to").
LEAD_IN = r"(?:[a-z']+ ){0,4}"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "go back to Bob's", "actually, jump to Priya's": whose email, by the possessive alone
    (
        "go_to",
        re.compile(
            rf"^{NOT_NAVIGATION}(?:[a-z']+,? ){{0,2}}?(?:go|jump|skip|head|flip|switch|take me|come)(?: back| over| straight)? "
            r"to (?P<arg>(?!(?:it|that|this|the|he|she)\b)[a-z.'-]+(?: [a-z.'-]+)?)'s$"
        ),
    ),
    (
        "go_to",
        re.compile(
            # "any unread from Jamie": unread as the noun
            rf"^{NOT_NAVIGATION}{LEAD_IN}(?:the )?(?:email|mail|message|one|unread|unreads) from (?P<arg>[a-z.'-]+(?: [a-z.'-]+)?)$"
        ),
    ),
    (
        "go_to",
        re.compile(
            rf"^{NOT_NAVIGATION}{LEAD_IN}the (?P<arg>[a-z.'-]+(?: [a-z.'-]+)??)(?:'s)? (?:email|mail|message|one)$"
        ),
    ),
    # "reply it to" and "reply back to": as Whisper heard "reply to" through WebRTC once, and as people say it
    (
        "reply",
        re.compile(
            r"^(?:reply|respond|answer|write back)(?: it| back| all| to all)?(?: (?:to|on) (?P<target>[a-z.' -]+?))?(?:'s (?:[a-z0-9-]+ )?(?:email|mail|message|one)|,? (?:the|that|her|his|their) (?:[a-z0-9-]+ )?(?:email|mail|message|one))?"
            r"(?: (?:about|re|regarding) (?:the )?[a-z0-9' -]+?)? (?:just )?(?:saying|say|and (?:(?:uh|um) )?say|to say|and (?:(?:uh|um) )?(?:tell|ask) (?:him|her|them)|(?:telling|asking) (?:him|her|them))(?: that)? (?P<arg>(?!that$).+)$"
        ),
    ),
    # "reply sure, Wednesday works": the words straight after the verb (never "reply to ...", "reply all")
    (
        "reply",
        re.compile(
            r"^(?:(?:ok|okay|so|and|now|just|um|uh)\s+)*(?:reply|respond|write back)(?: all| to all| back)?,? "
            r"(?P<arg>(?!(?:to|on|it|that|this|all|back|later|now|please|then|with|and|or|for|about|too|again|him|her|them"
            r"|saying|say|telling|asking|tell|ask|let(?!'))\b)[a-z0-9'].+)$"
        ),
    ),
    # "repeat the Sarah saying ...": Whisper's hearing of "reply to Sarah saying ..." through WebRTC in
    # two bench runs; a request to repeat never dictates words
    (
        "reply",
        re.compile(
            r"^repeat (?:to|the) (?P<target>[a-z.' -]+?)(?:'s (?:email|mail|message))? (?:saying|and say|to say)(?: that)? (?P<arg>(?!that$).+)$"
        ),
    ),
    # the caller's own words for someone: "draft a reply to Priya saying 10:40 is good", and right
    # after one reply, "and one to Jamie saying sorry, can't do Wednesday"
    (
        "reply",
        re.compile(
            r"^(?:(?:and|also|then|now|ok|okay|so)\s+)*(?:(?:draft|write|do|send|shoot|make)\s+)?(?:(?:a|an|another|one more)\s+)?"
            r"(?:(?:quick|short)\s+)?(?:reply|response|answer|one|note)(?: back)? to (?P<target>[a-z.'-]+(?: [a-z.'-]+)??)"
            r"(?:'s (?:email|mail|message))?,? (?:just )?(?:saying|to say|that says)(?: that)? (?P<arg>(?!that$).+)$"
        ),
    ),
    # a question for someone: "ask her if headcount is frozen", "ask Bob whether we still ship"
    (
        "reply",
        re.compile(
            r"^(?:(?:can you|could you|would you|please|and|also|then|now|ok|okay|so|just)\s+)*ask "
            r"(?P<target>him|her|them|[a-z.'-]+(?: [a-z.'-]+)??) (?P<arg>(?:if|whether) .+)$"
        ),
    ),
    # "draft something nice for Bob about the release": the LLM writes it from the request
    (
        "draft",
        re.compile(
            r"^(?:draft|write) (?P<what>.+?) (?:to|for) (?P<target>[a-z.'-]+(?: [a-z.'-]+)??)(?:'s (?:email|mail|message))?(?: for me)?(?: (?:just|only|simply))?(?: (?P<about>(?:about|saying|telling|that|to say) .+))?$"
        ),
    ),
    (
        "add",
        re.compile(
            r"^add (?:that |an? (?:note|line|comment|p ?s) (?:saying |that )?|say(?:ing)? (?:that )?)?(?P<arg>.+)$"
        ),
    ),
    (
        "add",
        re.compile(r"^(?:note|p ?s|the note is|with (?:a |the )?note) (?P<arg>\w.+)$"),
    ),  # "Note: Alex delivers Thursday."
    # "and put a note: can you pull the figures": a note's words, never where an email goes
    (
        "add",
        re.compile(
            r"^(?:put|stick|add) (?:in )?an? (?:note|p ?s) "
            r"(?P<arg>(?!(?:in|into|on|onto|to|about|at|saying|that|the|my|this|it|for)\b)\w.+)$"
        ),
    ),
    # "put a note on top saying heads up", "stick a line in saying ..."
    (
        "add",
        re.compile(
            r"^(?:put|stick|pop|include|throw) (?:in )?(?:an? |the )?(?:note|line|comment|message|p ?s)"
            r"(?: (?:on top|at the top|at the end|in|on it|on there|with it|first))? (?:saying|that says|that) (?P<arg>.+)$"
        ),
    ),
    ("edit", re.compile(r"^(?:make it|can you make it) (?P<arg>shorter|briefer|more [a-z]+|less [a-z]+|[a-z]+er)$")),
    # the caller's own words swapped in the draft
    (
        "edit",
        re.compile(
            r"^(?P<arg>(?:change|switch|swap) (?!to\b).+ (?:to|for) .+|replace .+ with .+|make (?:it|that) .+ instead of .+)$"
        ),
    ),
    (
        "send",
        re.compile(
            r"^(?:(?:yes|yeah|ya|yah|yep|yup|sure|okay|ok|k|alright|all right|perfect|great|cool|awesome|nice|fine|good|oh|ah|right|well|"
            r"lovely|brilliant|excellent|wonderful|splendid|fab|cheers|very well|"
            r"thanks|thank you|whatever|confirmed|confirm|i said|like i said|"  # "yes I said send it"
            r"exactly|(?:that's |that is |is )?correct|"
            r"(?:(?:it |that |this )?(?:sounds|looks|reads)|that's|that is|it's) (?:good|great|fine|perfect|right)(?: to me)?)(?: then)? )*"
            r"(?:(?:go on|that's it|that's right|that is it|right)(?: then)? )*"  # "go on then, fire it off"
            r"(?:(?:go ahead|you can|just|please)(?: and)? )*"  # "go ahead and send that", "you can just send it"
            r"(?:(?<=^yes )you |(?<=^yeah )you |(?<=^ok )you )?"  # "yes you send", never "you send it?"
            r"(?:send|send (?:(?:her|him|them) )?(?:it|that|this|the (?:reply|email|draft|message|answer|forward))(?: out| off| now| over| along| away)?|"
            # the idioms for sending ("fire off" begins "fire off a reply", so the object is said)
            r"(?:fire|push|shoot) (?:it|that|this) (?:off|out|over)|fire away|ship it|(?:hit|press) send|"
            r"(?:mail|post|dispatch) (?:it|that|this)|(?:out|off) it goes|let (?:it|her) rip|"
            r"(?:it|that|this)(?: one)? can go(?: out)? now|(?:it|that|this)(?: one)? can go out|(?:it's|that's) good to go)"
            r"(?: then| please| now)?(?: (?:with )?no note)?(?: yeah| yes| yep| please| thanks| thank you)?$"  # "just send it, no note": a forward as it is; "send it yeah"
        ),
    ),
    (
        "cancel",
        re.compile(r"^(?:don't send(?: it)?|do not send(?: it)?|cancel(?: that)?|never mind|keep it as a draft)$"),
    ),
    ("archive", re.compile(r"^archive(?: it| this(?: one)?| that)?$")),
    (
        "flag",
        re.compile(r"^(?:flag(?: it| this(?: one)?| that)?|put (?:a|the) flag(?: on(?: it| this(?: one)?| that)?)?)$"),
    ),
    (
        "unflag",
        re.compile(
            r"^(?:(?:unflag|unstar)(?: it| this(?: one)?| that)?|(?:take|remove) the (?:flag|star) off(?: it| this| that)?)$"
        ),
    ),
    ("read", re.compile(r"^mark (?:it |this |that )?(?:as )?read$")),
    ("unread", re.compile(r"^mark (?:it |this |that )?(?:as )?unread$")),
    ("delete", re.compile(r"^(?:delete|trash|bin)(?: it| this(?: one)?| that)?$")),
    ("undo", re.compile(r"^(?:undo(?: that)?|take that back)$")),
    (
        "audit",
        re.compile(
            r"^(?:so |and |ok |okay )?(?:what (?:did i do|have i done)|what(?:'s| has) (?:gone|been (?:done|deleted|archived|trashed))|"
            r"what (?:did|have) (?:i|you) (?:deleted|delete|archived|archive|trashed|trash))(?: (?:today|so far|to my (?:mail|email|inbox)))?$"
        ),
    ),
    # a name of a few words; more is a name and an aside ("mute the IT desk guys, they just spam me")
    ("mute", re.compile(r"^(?:mute|silence|block) (?P<arg>[a-z0-9.@'-]+(?: [a-z0-9.@'-]+){0,3})$")),
    ("reveal", re.compile(r"^(?:read|tell me|what's|what is) (?:me )?(?:the )?(?:code|password|pin|passcode)$")),
    (
        "read_all",
        re.compile(
            r"^(?:read|say) (?:me )?(?:the )?(?:whole thing|whole (?:email|message)|it all|all of it|everything|(?:it )?in full|full (?:email|message)|(?:the )?rest)$"
            # "read that": out loud; marking it read is said with "mark"
            r"|^read (?:me )?(?:it|that|this)(?: one| email| message)?$"
        ),
    ),
    (
        "deadline",
        re.compile(
            r"^(?:what(?:'s| is| was) the (?:deadline|due date)|when(?:'s| is| was) (?:it|that) due|when do(?:es)? (?:they|she|he|you) need (?:it|that|them)(?: by)?)(?: (?:in|for|on|of) (?:that|this|it)(?: one| email)?)?$"
        ),
    ),
    (
        "remaining",
        re.compile(
            r"^(?:how many (?:are |emails |messages )?(?:are )?(?:left|remaining|to go)|"
            r"(?:who|what)(?:'s| is)(?: else)? (?:left|still left|remaining)(?: then| now)?)$"  # "ok who's left"
        ),
    ),
    (
        "skip_sender",
        re.compile(
            r"^skip (?:this sender|(?:everything |all |the rest )?(?:emails |mail )?from (?:them|this sender|him|her)|(?:all )?(?:his|her|their) (?:emails|mail))$"
        ),
    ),
    ("next", re.compile(r"^(?:next|skip(?: it| this one)?|next one|next (?:email|message)|move on)$")),
    ("previous", re.compile(r"^(?:previous|back|go back|last one|previous (?:one|email|message)|the one before)$")),
    ("repeat", re.compile(r"^(?:repeat(?: that)?|say (?:that|it) again|again|come again|sorry what|what was that)$")),
    (
        "pause",
        re.compile(
            r"^(?:stop|pause|hold on|wait|hang on|quiet|be quiet|one (?:moment|second|sec)|"
            r"shut up|hush|shh+|enough|stop talking|(?:ok(?:ay)? )?that's enough)$"
        ),
    ),
    (
        "resume",
        re.compile(
            r"^(?:(?:and )?(?:then )?(?:continue|resume|go on|keep going|carry on|crack on|press on|get going|keep at it)"
            r"(?: with (?:the (?:new|unread|other|rest of the) (?:ones|emails|mail)|the rest|them|it|the briefing))?|"
            r"where were we|where was i|"
            # "go through all of them": the briefing, from where it is
            r"(?:(?:let's|lets|just) )?(?:go|run|read) through (?:them|'?em|all of them|them all|the rest|everything)"
            r"(?: in order| one by one| one at a time| from the top| from the start)?(?: then| now| please)?)$"
        ),
    ),
    (
        "slower",
        re.compile(r"^(?:(?:a (?:bit|little) )?slower|slow down|speak slower|talk slower)(?: now| please| then)?$"),
    ),
    (
        "faster",
        re.compile(r"^(?:(?:a (?:bit|little) )?faster|speed up|speak faster|talk faster)(?: now| please| then)?$"),
    ),
    (
        "yes",
        re.compile(
            # agreement, backchannels ("uh huh") and a start asked for ("let's hear them"), after
            # a greeting or another agreement ("morning, sure, let's hear them")
            r"^(?:(?:(?:good )?morning|yes|yeah|yep|yup|sure|alright|all right|right|mm+ ?hm+|uh huh|mhm)\s+)*"
            r"(?:yes|yeah|yep|yup|sure|go ahead|go for it|do it|please do|sounds good|yes please|uh huh|mm+[ -]?hm+|mhm|k|"
            r"start|begin|go|go on|hit me|start the briefing|confirm|confirmed|"
            r"let's (?:go|start|begin|do it|do this|hear (?:them|'?em|it))|"
            r"lets (?:go|start|begin|do it|do this|hear (?:them|'?em|it)))(?: then| now)?$"
        ),
    ),
    ("no", re.compile(r"^(?:no|nope|not now|no thanks|later)$")),
]


# "yeah" as the recognizer may spell it, at the start of what was said ("ya go ahead").
YEAH_AS_HEARD = re.compile(r"^(?:ya|yah|yea|yeh)\b(?!')")


def normalize(transcript: str) -> str:
    text = transcript.lower().strip()
    text = re.sub(r"\be[- ]mail", "email", text)  # how speech recognition spells it varies
    text = re.sub(r"[^a-z0-9 .:'-]|(?<!\d):|:(?!\d)", " ", text)  # a time's colon stays: "10:40"
    text = re.sub(r"[.]+(?=\s|$)", " ", text)
    text = YEAH_AS_HEARD.sub("yeah", text)
    # lead-in fillers go; at the end only courtesy words (the rest may be dictated content)
    text = re.sub(rf"^(?:{FILLER}\s+)+|(?:\s+{TRAILING})+$", "", " ".join(text.split()))
    return text.strip()


# An order to go on with what was offered, not a backchannel: "go for it" after a read-back sends,
# "yeah" does not (it is said while listening).
GO_AHEAD = re.compile(
    r"\b(?:go ahead|go for it|do it|please do|go on|fire away|off you go|away you go)(?: then| now)?$"
    r"|^(?:(?:yes|yeah|yep|yup|ok|okay|alright|all right|right) )?go$"  # "ok, go" is "go" once "ok" is gone
)
HELD_BACK = re.compile(r"\b(?:don'?t|do not|not|never|no|wait|hold|hang|stop)\b")  # "yeah, don't do it"


def goes_ahead(transcript: str) -> bool:
    """Whether an agreement orders what was offered ("yeah, go for it"), rather than only agreeing
    or holding it back ("ok wait, don't do it")."""
    text = normalize(transcript)
    return bool(GO_AHEAD.search(text)) and not HELD_BACK.search(text)


# A plain agreement and nothing else: "yeah okay", "correct", "yes please". A yes word is said:
# "okay" or "right" alone often begins a sentence the turn detector cut ("okay... make it Friday").
# Approval said outright ("sounds good", "go ahead"); a judgement alone ("perfect", "fine",
# "great") only before one: it may begin a change ("perfect... but make it Friday").
_YES_WORDS = (
    r"yes|yeah|yep|yup|sure|correct|exactly|that's right|that's correct|"
    r"(?:sounds|looks|that sounds|that looks) (?:good|great|right|perfect|lovely|fine|ok|okay)|go ahead|go for it|do it|please do|"
    r"confirm(?:ed)?(?: (?:it|that))?"  # an answer to the question asked, whichever it was
)
AGREEMENT = re.compile(
    r"^(?:(?:ok|okay|alright|all right|right|please|oh|so|perfect|great|good|fine|lovely|cool|mhm|mm+ ?hm+|uh huh)\b ?)*"
    rf"(?:{_YES_WORDS})\b"
    rf"(?: ?(?:{_YES_WORDS}|ok|okay|alright|all right|right|please|go|then|thanks|thank you|that's it|"
    r"that's (?:good|great|fine|perfect))\b)*$"  # "yeah that's good go ahead", never "that's good" alone
)


def agrees(transcript: str) -> bool:
    """Whether the words only agree ("yeah, okay"), with nothing held back or asked ("correct?")."""
    if transcript.rstrip().endswith("?"):
        return False
    return bool(
        AGREEMENT.match(YEAH_AS_HEARD.sub("yeah", " ".join(re.sub(r"[^a-z' ]", " ", transcript.lower()).split())))
    )


def parse(transcript: str) -> Command | None:
    """The fast-path command in a transcript, or None when it needs the LLM."""
    text = normalize(transcript)
    for kind, pattern in PATTERNS:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            argument = groups.get("arg") or " ".join(filter(None, (groups.get("what"), groups.get("about"))))
            argument = " ".join(re.sub(r"\b(?:uh+|um+)\b", " ", argument).split())  # said while thinking
            argument = re.sub(r"^(?:instead|then|please|too|also)$", "", argument)  # "reply all instead": no words
            if kind in ("mute", "unmute", "go_to", "skip_sender"):
                argument = re.sub(
                    r"\s+(?:instead|then|please|too|(?:right )?now)$", "", argument
                )  # "mute them instead"
            target = (groups.get("target") or "").strip()
            if kind == "reply" and not said_together(target, transcript):
                continue  # "reply to Sarah, put cloud spend at ...": a name never runs past a comma
            return Command(kind, argument.strip(), target)
    return None


def said_together(words: str, transcript: str) -> bool:
    """Whether the words were said in one run: with no comma or stop between them, or only before
    more of whom they name ("everyone on that, the whole platform lot", "bob, cc priya")."""
    if " " not in words:
        return True
    said = re.sub(r"\be[- ]mail", "email", transcript.lower())
    found = re.search(r"[\s,.;:]+".join(map(re.escape, words.split())), said)
    if found is None:
        return False
    # a title's or an initial's stop is no break: "mr. smith", "j. lee"
    after_breaks = re.split(r"\s*(?:[,;:]|(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bdr)(?<!\b[a-z])\.)\s*", found.group())[1:]
    return all(re.match(r"(?:the|my|our|all|every(?:one|body)|cc|copy|and)\b", part) for part in after_breaks)
