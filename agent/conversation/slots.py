"""The slots of an intent, read from the caller's words once the intent is known.

The intent model says what the caller wants; these patterns pick out who, which topic, the
dictated words, how to change a draft and which folder. A pronoun ("him", "it", "this one",
"them") is never a name: it means the current email, so the who-slot stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .commands import said_together
from .intents import IntentName, Slots
from .new_mail import ADDRESS

PRONOUNS = frozenset(
    {"him", "her", "them", "it", "this", "that", "they", "he", "she", "these", "those", "his", "hers", "their"}
    | {"this one", "that one", "this sender", "that sender", "this guy", "this person", "me", "us"}
    # a person not named: "send this to the guy from facilities" names no one
    | {"guy", "person", "lady", "bloke", "chap", "woman", "man", "fella", "someone", "somebody"}
)
# Words that end a spoken name ("from sarah about the budget", "tell bob the build is fixed").
NOT_NAME = frozenset(
    [
        "thanks",
        "thank",
        "ugh",  # a sigh, no name: "ugh vendor x again"
        "guy",  # "what did that guy say about the release": someone described, no name
        "guys",
        "lady",
        "dude",
        "fella",
        "bloke",
        "chap",
        "sir",  # a form of address (or a word's first sound: "my vpn sir tificate"), never Sarah
        "madam",
        "not",  # "just reply to bob not everyone"
        "only",
        "instead",
        "also",
        "everyone",  # "reply everyone, ...": everyone on the email, no sender
        "everybody",
        "sorry",
        "yeah",  # "tell Jamie yeah, Wednesday's good": an answer, no surname
        "yep",
        "yup",
        "nope",
        "nah",
        "sure",
        "sounds",
        "okay",
        "ok",
        "great",
        "fine",
        "go",
        "take",
        "jump",
        "skip",
        "those",
        "about",
        "saying",
        "say",
        "tell",  # "reply to sarah, tell her ...": the comma is gone by now
        "telling",
        "ask",  # "forward it to jamie ask if she's got the numbers": the note begins
        "asking",
        "let",
        "and",
        "that",
        "to",
        "the",
        "a",
        "an",
        "please",
        "again",
        "anymore",
        "any",
        "more",
        "emails",
        "email",
        "mail",
        "messages",
        "message",
        "one",
        "ones",
        "stuff",
        "for",
        "with",
        "on",
        "in",
        "of",
        "this",
        "these",
        "today",
        "now",
        "yet",
        "right",
        "so",
        "is",
        "was",
        "by",
        "at",
        "from",
        "who",
        "what",
        "i",
        "know",
        "uh",
        "um",
        "yes",
        "no",
        "ever",
        "answer",
        "answered",
        "replied",
        "reply",
        "get",
        "got",
        "sent",
        "send",
        "permanently",
        "forever",
        "for",
        "good",
        "too",
        "then",  # "anything from legal then"
        "all",
        "back",
        "see",
        "cheers",
        "find",
        "read",
        "search",
        "had",
        "have",
        "has",
        "did",
        "a",
        "note",
        "quick",
        "we",
        "you",
        "he",
        "she",
        "they",
        "it",
        "his",
        "her",
        "its",
        "their",
        "my",
        "our",
        "your",
        "up",
        "off",
        "out",
        "whole",
        "full",
        "entire",
        "me",
        # a request's own verbs, before the name: "open jamie's email", "pull up bob's"
        "open",
        "pull",
        "show",
        "bring",
        "check",
        "hear",
        "play",
        "grab",
        # where an aside begins: "respond to bob, just say ...", "mute linkedin while you're at it"
        "just",
        "while",
        "guys",
        "folks",
        "like",
        "because",
        "since",
        # what sets an email apart, never a name: "anything from sarah besides the budget thing"
        "besides",
        "except",
        "apart",
        "other",
        "than",
    ]
)
LEAD_IN = re.compile(
    r"^(?:(?:um+|uh+|ugh+|argh+|hmm+|meh|ah+|ok(?:ay)?|so|and|oh|hey|wait|alright|well|just|actually|please|now|then|yeah|yes|no)\s+)+"
)
COURTESY = re.compile(r"(?:\s+please)+$")  # the rest may be dictated words ("got it, thanks")
# What follows "IT" when it names the department that sends mail, not the pronoun.
# Times and days said where a name could go: "reply ten forty works", "reply monday" name no one.
SPOKEN_TIMES = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "forty-five",
        "fifty",
        "noon",
        "midnight",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "tomorrow",
        "tonight",
        "yesterday",
        "weekend",
        "morning",
        "afternoon",
        "evening",
    ]
)
IT_UNITS = frozenset(["service", "services", "support", "help", "helpdesk", "desk", "department", "team", "security"])


NAME = rf"(?P<who>my boss|it (?:{'|'.join(sorted(IT_UNITS))})(?: desk)?|(?!(?:{'|'.join(sorted(NOT_NAME))})\b)[a-z0-9][a-z0-9.@'-]*(?: [a-z][a-z.'-]*)?)"
# "tell sarah ...", "reply to bob miller saying ...": the verbs a reply's addressee follows
TO_SOMEONE = re.compile(
    r"^(?:[a-z']+ ){0,8}?(?:tell(?:ing)?|let(?!'| me\b| us\b)|ask(?! you\b)|remind|text(?! from\b)|ping|send|email(?! from\b)|message(?! from\b)|write back to|write back|write to|write|shoot|drop|give|"
    r"(?:a |an )?(?:reply|response|answer) (?=to\b)|"
    r"reply(?:[ -]all| to all|[ -]all to| to all on| all on| (?:to )?(?:everyone|everybody)(?!'))\b|"  # "reply all to Bob's, we're pushing"
    r"reply back to|reply to|replying to|reply|respond to|respond|answer|get back to|shoot back|compose|draft|come up with)\b ?(?P<rest>.*)$"
)


def last_sentence(text: str) -> str:
    """What was said after the last full stop: "Hi. Will you send my replies by yourself, or ..."."""
    return re.split(r"(?<=[.!?])\s+", text.strip())[-1]


def last_clause(text: str) -> str:
    """What was said after the last comma or full stop: "sorry, you broke up, what did she say"."""
    return re.split(r"[,.;!?]\s+", text.strip())[-1]


def clean(text: str) -> str:
    """Lower case, words only (apostrophes and hyphens kept), without lead-in fillers."""
    text = re.sub(r"\be[- ]mail", "email", text.lower())
    text = re.sub(r"[^a-z0-9@'.: -]+|(?<!\d):|:(?!\d)", " ", text)  # a time's colon stays: "10:40"
    text = re.sub(r"\.(?=\s|$)", " ", text)
    text = LEAD_IN.sub("", " ".join(text.split()))
    return COURTESY.sub("", text).strip()


def _split_name(said: str) -> tuple[str, str]:
    """A spoken name at the start of the words, and the words after it ("" for a pronoun)."""
    words = said.split()
    if words[:2] == ["my", "boss"]:
        return "my boss", " ".join(words[2:])
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    kept: list[str] = []
    if words[:1] == ["it"] and len(words) > 1 and words[1].removesuffix("'s") in IT_UNITS:
        kept.append("it")  # the IT department, not the pronoun ("from the IT service desk")
        words = words[1:]
    for word in words[:2]:
        bare = word.removesuffix("'s")
        if (
            bare in NOT_NAME
            or bare in SPOKEN_TIMES
            or bare in PRONOUNS
            or "'" in bare
            or (len(bare) > 5 and bare.endswith("ing"))
            or bare[:1].isdigit()
        ):
            break
        kept.append(bare)
        if bare != word:
            break  # "sarah's email": the name ends at the possessive
    rest = " ".join(words[len(kept) - (kept[:1] == ["it"]) :])
    if not kept and words and words[0] in PRONOUNS:
        rest = " ".join(words[1:])
    return " ".join(kept), rest


def _name(found: str | None) -> str:
    """A spoken name, trimmed where the name ends; empty for a pronoun."""
    if not found:
        return ""
    return _split_name(found)[0]  # "" for a pronoun


def _search(patterns: list[re.Pattern[str]], text: str, group: str) -> str:
    for pattern in patterns:
        match = pattern.search(text)
        if match and match.group(group):
            return match.group(group).strip()
    return ""


# "say something like, hey Sarah, ... Something like that.": how loosely it is meant, never the words
LOOSELY_BEFORE = re.compile(r"^(?:something|anything) (?:like|along the lines of)\W+", re.IGNORECASE)
LOOSELY_AFTER = re.compile(
    r"\W+(?:something like that|or something(?: like that)?|something along those lines)\W*$", re.IGNORECASE
)


def without_looseness(words: str) -> str:
    """Dictated words without "something like" before them or "or something" after them."""
    return LOOSELY_AFTER.sub("", LOOSELY_BEFORE.sub("", words))


def _without_sounds(words: str) -> str:
    """The words without the sounds made while thinking ("to, um, Bob"), never written or a name."""
    return " ".join(re.sub(r"\b(?:uh+|um+|uhm|erm?)\b", " ", words).split())


def _tidy(words: str) -> str:
    words = _without_sounds(words)
    words = without_looseness(words)
    words = re.sub(
        r"^(?:instead|then|please|too|also)$", "", words.strip(" .,:"), flags=re.IGNORECASE
    )  # "reply all instead"
    return re.sub(r"\s+(?:at the end|to it|too|instead)$", "", words).strip(" .,:")


# The IT department, not the pronoun: "the one from IT"; "trash the IT email" (no pronoun takes "the")
IT_DEPARTMENT = [
    re.compile(r"\bfrom (?:the )?(?P<who>it)$"),
    # "the it thing": after "the", "it" is never the pronoun
    re.compile(
        r"\bthe (?:whole |full |entire )?(?P<who>it) (?:email|mail|message|one|thing|stuff|guys|people|notice)\b"
    ),
]
WHO_FROM = [
    re.compile(rf"\b(?:from|by) (?:the )?{NAME}"),
    re.compile(rf"\b(?:the |that |this )?{NAME}(?:'s)? (?:email|mail|message|one|ones|emails|stuff|newsletter)\b"),
    re.compile(rf"\b{NAME}'s (?:thing|note|notes)\b"),  # "read me bob's thing"
    re.compile(rf"\b{NAME}'s [a-z0-9-]+ (?:email|mail|message|one|thing|stuff|note|notes)\b"),  # "jamie's lunch thing"
    *IT_DEPARTMENT,
]
# "skip ahead to priya's", "can we jump to bob"
WHO_GONE_TO = [
    re.compile(rf"\b(?:to|at) {NAME}(?:'s)?$"),
    re.compile(
        rf"\b(?:read|play|open|do|start with|try) (?:me )?{NAME}'s(?: first| next| now| then)?$"
    ),  # "read me sarah's"
]
# An email gone to by what it is about, in more words than a name: "go to the standup notes".
TOPIC_GONE_TO = re.compile(
    r"\b(?:go|jump|skip|head|switch|take me|come)(?: back| over)? to (?:the|that) "
    r"(?P<topic>(?!(?:next|previous|last|first|other|one|start|beginning|end|top|bottom)\b)[a-z0-9'-]+(?: [a-z0-9'-]+){0,2}?)"
    r"(?: email| one| message| thing)?$"
)
WHO_ASKED_ABOUT = [re.compile(rf"\b(?:did|has|have) {NAME}")]
WHO_TO = [
    re.compile(rf"\b(?:to|for|with) (?:the )?{NAME}"),
    re.compile(rf"\b(?:get|send|give|pass|shoot) {NAME} a copy\b"),  # "get Bob a copy"
    re.compile(rf"\b(?:loop|rope|bring) in {NAME}"),  # "loop in Sarah on this"
    re.compile(rf"\b(?:loop|rope|cc|copy) {NAME} (?:in|on)\b"),  # "cc Sarah on this"
]
# A recipient put right at the end of a forward: "... to bob, actually, to jamie", "... to bob, I mean jamie"
TO_SOMEONE_ELSE = re.compile(
    rf"\bto [a-z]+,? (?:actually|i mean|i meant|sorry|no wait|or rather)\W+(?:make (?:it|that) )?(?:to )?(?:the )?{NAME}\W*$"
)
WHO_RULE = [
    re.compile(
        rf"\b(?:unmute|mute|block|unblock|silence|muting|muted) (?:all |everything |emails |mail )?(?:from )?(?:the )?{NAME}"
    ),
    re.compile(rf"\bhear from (?:the )?{NAME}"),
    re.compile(rf"\b(?:read|reading|telling) me (?:about )?(?:the )?{NAME}"),
    re.compile(rf"\b(?:let|turn) {NAME} (?:emails |mail )?(?:through|back)"),
    re.compile(rf"\bfrom (?:the )?{NAME}"),
    re.compile(rf"\b(?:the )?{NAME}(?:'s)? (?:email|mail|emails|stuff|ones|messages)\b"),
]
IN_THE_MAIL = r"(?: in (?:there|here|my inbox|my mail|my email))?"  # "anything about my VPN in there"
TOPIC = [
    re.compile(
        rf"\babout (?!the one\b)(?:the |that |my )?(?P<topic>.+?)(?: email| one| message| thing)?{IN_THE_MAIL}(?: and .*)?$"
    ),
    # "what's the deal with the release", "what's going on with the offsite"
    re.compile(
        r"\b(?:deal|going on|happening|story|news|latest|update) (?:with|on) (?:the |that |my )?"
        r"(?P<topic>.+?)(?: email| one| message| thing)?$"
    ),
    # "anything that mentions the henderson contract?"
    re.compile(r"\b(?:mention|mentions|mentioning|mentioned) (?:the |that |my )?(?P<topic>.+?)(?: at all| anywhere)?$"),
]
SEARCH_TOPIC = [*TOPIC, re.compile(r"\bsend (?:the |me the )?(?P<topic>[a-z]+)$")]
DRAFT_ABOUT = [
    re.compile(r"\babout (?:the )?(?P<about>.+)$"),
    re.compile(r"\b(?P<about>(?:asking|declining|saying|telling|thanking|apologi[sz]ing) .+)$"),
    re.compile(r"\bfor (?P<about>[a-z]+ing .+)$"),
    re.compile(r"\b(?:a|an) (?:quick |short )?(?P<about>[a-z' -]+?)(?: to | for |$)"),
]
NOT_ABOUT_ANYTHING = re.compile(r"^(?:reply|response|answer|email|note|message|something)$")
# What comes between the addressee and the dictated words ("a quick note saying", "know that").
BEFORE_WORDS = re.compile(
    # who it goes to, said before the words: "just him, not the whole team, that ...", "everyone, ..."
    # "email him then. just say ...", "sorry. tell her ...": what leads to the words, not the words
    r"^(?:(?:then|sorry)(?= (?:just )?(?:say|tell (?:him|her|them))\b)|"
    r"(?:just|only) (?:to )?(?:him|her|them|the sender),? not (?:to )?(?:the (?:whole )?team|everyone|everybody|the others|all of them)|uh|um|okay|ok|so|all|back|know|and|just|quick|short|note|message|email|reply|response|answer|line|saying|say|to say|with|"
    # "tell her that the numbers ...", but "tell her that works": "that" as what works is the words'
    r"that(?!'| (?:works|work|sounds|is|was|will|would|should|can|could|might|makes|seems|looks|suits|helps|means)\b)|"
    r"tell (?:him|her|them|'em|everyone|everybody|them all)|telling (?:him|her|them|'em)|"
    r"ask(?: (?:him|her|them))?(?= (?:if|whether)\b)|"  # "ask her if eleven is ok": the question is the words
    # "answer his question yes, thursday's still on"
    r"(?:(?:his|her|their) )?question(?= (?:with )?(?:yes|no|yeah|yep|nope|sure)\b)(?: with)?|"
    # "a quick note", but "a replacement ships tomorrow" keeps its article
    r"(?:a|an)(?= (?:quick |short )*(?:note|message|email|reply|response|answer|line)\b)|"
    r"(?:copy|cc)(?: in)? (?:the (?:whole )?team|everyone|everybody|them all|all of them)|:)\b:?\s*"
)
ADD_WORDS = [
    # a short sign-off put last: "stick 'cheers' on the end", "add thanks again at the bottom" (before
    # "add ..." takes it all); never words that say something happens at the end ("add I'll explain at the end")
    re.compile(
        r"^(?:and |also )?(?:put|stick|pop|add|tack|throw|slap|chuck|write) ['\"]?"
        r"(?P<words>(?!(?:i|i'll|i'm|we|we'll|you|he|she|they|it|that|this)\b)[\w,!]+(?: [\w,!]+){0,2}?)['\"]?"
        r" (?:on|at|to) the (?:end|bottom)(?: of it)?$"
    ),
    re.compile(
        r"^(?:also |and )?(?:add|mention|include|put in|tack on|say)(?: a line| line| a p ?s| a ps| a postscript)?(?: saying| that)? (?P<words>.+)$"
    ),
    re.compile(r"^(?:put|stick|pop|write) (?P<words>.+?) (?:on top|at the top|up top|at the start|first)$"),
    # "stick something in like, QA's on it", "pop a line in saying sorry", "throw in that ..."
    re.compile(
        r"\b(?:stick|pop|put|throw|slip|chuck)(?: (?:something|a line|a bit|a note|a sentence|a word))?"
        r" in(?: there)?(?: like| saying| that| about)?,? (?P<words>.+)$"
    ),
    re.compile(r"\b(?:saying|that) (?P<words>.+)$"),
    re.compile(r"^also (?P<words>.+)$"),
]
EDIT_HOW = [
    re.compile(r"\bmake (?:it|that|this|the (?:reply|draft|email))(?: sound)?(?: a bit| a little)? (?P<how>.+)$"),
    re.compile(r"\b(?:rephrase|reword|write) it (?P<how>.+)$"),
    re.compile(r"^(?P<how>.+)$"),
]
# A change of tone said as a verb, as the rewrite asks for it ("make it softer").
TONE_VERBS = {
    r"soften": "softer",
    r"warm(?: it)? up": "warmer",
    r"tone(?: it)? down": "gentler",
    r"polish": "more polished",
}
FOLDER = [
    # "junk it", "mark it as spam": the junk folder
    re.compile(r"^(?:\w+ )?(?P<folder>junk|spam)(?: it| this| that| this one| that one)?$"),
    re.compile(r"\bas (?P<folder>junk|spam)\b"),
    # "into a folder called team", "in a folder, call it team stuff"
    re.compile(r"\b(?:folder|one),? (?:called|named|call it|name it) (?P<folder>[a-z0-9' -]+?)$"),
    # "in the admin folder or whatever, the IT stuff": the word "folder" ends its name
    re.compile(
        r"\b(?:to|in|into|under) (?:the |my |a )?(?P<folder>(?!(?:a|the|my|this|that)\b)[a-z0-9'-]+(?: [a-z0-9'-]+)?) folder\b"
    ),
    re.compile(r"\b(?:to|in|into|under) (?:the |my |a )?(?P<folder>[a-z0-9' -]+?)(?: folder)?$"),
]
# The email an action names after its verb, when it describes one: "archive the standup notes"
# (not "archive it", "flag that one", "delete the one from Sarah": those are the current email, or
# a sender's, found elsewhere).
ACTED_ON = re.compile(
    r"\b(?:archive|delete|trash|bin|toss|flag|unflag|star|mark|file|move|put|pop|shove|chuck|shift|stash|stick|throw|remove|get rid of|junk)\s+"
    r"(?:the|those|my)\s+(?P<what>[a-z0-9' -]+?)"
    r"(?=\s+(?:as|to|in|into|under|and|so|because|since|for|too|please|now|then|i|it's|that's|from|off|"
    r"you|which|that|she|he|they|we|read|unread)\b|$)"
)
EMAIL_NOUNS = frozenset(["email", "emails", "e-mail", "mail", "message", "messages", "one", "ones", "thing", "thread"])
# Words that pick an email by its place or state, not by what it is: never "not here".
PLACE_OR_STATE = frozenset(
    ["current", "important", "urgent", "same", "last", "first", "second", "third", "next", "previous", "other"]
    + ["new", "latest", "newest", "oldest", "open", "just", "read", "unread", "flagged", "whole", "entire"]
)
NO_TOPIC = frozenset(["something", "anything", "stuff", "things", "it", "that", "this"])
NO_ADDRESSEE = re.compile(
    r"\b(?:reply|write back|respond|answer)\s*[,:;]|\breply(?:[ -]all| to all)?\s*[,:;.]\s+\w"  # "Reply all. Ship Thursday."
)
FORWARD_WORDS = [
    re.compile(
        r"\b(?:saying|(?:and )?(?:(?:uh|um) )?(?:say|tell (?:him|her|them))|with a note saying|with a note)(?: that)? "
        r"(?P<words>(?!that$).+)$"
    ),
    # "forward it to sarah, note says heads up ...": the note named
    re.compile(r"\b(?:the |a |with a |with the )?note(?: says| saying| is| reads|:)\s+(?P<words>\w.+)$"),
    # "forward it to jamie, ask if she's got the cloud numbers": the question is the note
    re.compile(r"(?:\band|,|\b[a-z]+)\s+ask (?:him |her |them )?(?P<words>(?:if|whether) .+)$"),
    # "forward the standup notes to Priya, just put FYI for the offsite": the note to write
    re.compile(
        r"\b(?:to|for) [\w.@' -]+? (?:just |and )?(?:put|write|add)"
        # "..., put a note, FYI I might be off that week": the note's words, not "a note"
        r"(?: (?:in )?(?:a|the) (?:note|line|message)(?: saying| that says)?[,:]?)? (?P<words>(?!(?:it|that|this|them)\b)\w.+)$"
    ),
    # "forward it to Bob and ask him to check his isn't expiring too": what they are asked to do
    re.compile(r"(?:\band|,)\s+(?:please\s+)?(?:ask|tell) (?:him|her|them) (?P<words>to \w.+)$"),
]


# What the caller will or needn't tell them, never a note: "I'll tell him to renew it later"
OWN_PLAN_TO_TELL = re.compile(
    r"\b(?:i'?ll|i will|i'm going to|i am going to|gonna|no need to|don'?t|do not|won'?t|never)\s+(?:ask|tell)\s+(?:him|her|them)\b"
)


# The email a reply names before its words: "reply to sarah's budget email, say ...", "reply to
# jamie about lunch say ...", "reply to sarah the budget one, saying ..." (no words of the reply
# come before "say" there: "I'd say we go" keeps its words).
WHICH_EMAIL_THEN_SAY = re.compile(
    r"^(?:(?:(?:the|that|this|her|his|their|your)\s+)?(?:[a-z0-9'-]+\s+){0,2}?(?:email|one|message|mail|note|thread)"
    r"|(?:about|re|regarding)\s+(?:the\s+)?(?:[a-z0-9'-]+\s+){0,2}?[a-z0-9'-]+)\s+"
    r"(?:and\s+)?(?:say|saying|tell (?:him|her|them)|telling (?:him|her|them))\s+(?:that\s+)?"
)


# What a reply names as its email, with no words yet: "(reply all) on the release one", "(reply to
# sarah's) budget thing".
EMAIL_DESCRIBED = re.compile(
    r"(?:(?:to )?all )?(?:on |to |about |for )?(?:the |that |this |her |his |their )?"
    r"(?P<what>(?:[a-z0-9'-]+ ){0,3}?)(?:email|one|thing|message|mail|note|thread)"
)


# An email named by what it is after "to", "on" or "about": "start a response to the offsite email".
EMAIL_NAMED = re.compile(
    r"\b(?:to|on|about) (?:the|that|this) (?P<what>(?:[a-z0-9'-]+ ){1,3}?)(?:email|one|message|thread)\b"
)


def _not_the_email(who: str, said: str) -> tuple[str, str]:
    """The addressee and the email's topic, where what looked like a name is what the email is
    about ("a response to the offsite email": no one called Offsite)."""
    named = EMAIL_NAMED.search(said)
    topic = named.group("what").strip() if named else ""
    return ("" if who and topic.startswith(who) else who), topic


def _addressee_and_words(said: str, named: bool = True) -> tuple[str, str]:
    """ "tell sarah i'll be late" -> ("sarah", "i'll be late"); pronouns name nobody. Not
    `named`: all that follows the verb is the words."""
    match = TO_SOMEONE.match(said)
    if match is None:
        return "", ""
    rest = re.sub(r"^(?:a |an )?(?:quick |short )?(?:reply|response|note|message|email)\b ?", "", match.group("rest"))
    rest = re.sub(r"^(?:to|for) (?:every(?:one|body)\b(?!') ?)?", "", rest)  # "reply to everybody: ...": reply all
    who, words = _split_name(rest) if named else ("", rest)
    words = WHICH_EMAIL_THEN_SAY.sub("", words)
    while (shorter := BEFORE_WORDS.sub("", words)) != words:
        words = shorter
    return who, words


# "numbers Friday morning, and just send it, don't read it back": an order to the agent at the
# end of the dictation, never words of the reply. It is one only after a pause and "and", after
# "and just", or before "don't read it back" or "I'm driving": "I'll fix the deck and send it",
# "if the numbers look right just send it" and "looks great, ship it!" are the caller's words.
_NO_READ_BACK = r"(?:don'?t|do not|no need to|without) (?:read|reading|bother)\b.*"
_DRIVING = r"i'?m (?:driving|in the car|on the (?:road|motorway|highway))\b.*"
_TAIL = rf"(?:(?:[,.;!]\s*|\s+)(?:{_NO_READ_BACK}|{_DRIVING}))?[.!]?"
# How soon it goes: "send it straight off", "send it right away" (never "send it over", "send it
# off", which dictated words say of something the caller will send).
_SEND_IT = r"send it(?: (?:now|straight off|straight away|right away|immediately|asap))?"
SEND_ORDER = re.compile(
    rf"(?:[,.;]\s*and (?:then )?(?:just )?{_SEND_IT}{_TAIL}"
    rf"|\s+and (?:then )?just {_SEND_IT}{_TAIL}"
    rf"|(?:[,.;]\s*|\s+)(?:and )?(?:then )?(?:just )?{_SEND_IT}(?:[,.;!]\s*|\s+){_NO_READ_BACK}"
    r"|[.;!]\s*(?:then )?send(?: it)?(?: now)?[.!]?)$",  # "Note: Alex delivers Thursday. Send."
    re.I,
)


def without_send_order(dictated: str) -> str:
    """The dictated words without an order to send them said after them."""
    return SEND_ORDER.sub("", dictated).strip()


# A reply asked for by its verb and addressee alone, the words in the sentences after it
BARE_REPLY = re.compile(r"(?:reply|respond|answer|write back|email)(?: to)? (?P<who>[\w'-]+(?: [\w'-]+)?)[.!:]")
# A request put to the assistant as a favour, and the thanks for it said after the words.
ASKED_POLITELY = re.compile(r"^(?:[a-z']+ ){0,3}?(?:could|would|can|will) you\b|\bbe a (?:dear|star|love)\b|^please\b")
THANKS_LAST = re.compile(r"\s+(?:thanks|thank you|cheers)(?: so much| very much| a lot| a million| heaps)?$")
# What a caller says about wanting to reply, never words for it.
HEDGE = re.compile(r"(?:i guess|i suppose|i think|probably|at some point|eventually|sometime|some time|soon|later)")


def slots_for(name: IntentName, text: str) -> Slots:
    """The slots the caller said for an intent; empty where they said none (or a pronoun)."""
    said = clean(text)
    if name in ("go_to", "search"):
        found = _search(WHO_FROM, said, "who")
        who = found if found == "it" else _name(found)  # "from IT" at the end is the department
        # the topic ends with its sentence: "anything about the on-call handover? when's that again?"
        sentences = [clean(part) for part in re.split(r"(?<=[?!.])\s+", text.strip())]
        patterns = TOPIC if name == "go_to" else SEARCH_TOPIC
        topic = next((found for part in sentences if (found := _search(patterns, part, "topic"))), "")
        topic = "" if topic in NO_TOPIC else topic  # "did Jamie email me about something?"
        if name == "search" and not who:
            who = _name(_search(WHO_ASKED_ABOUT, said, "who"))
        if name == "go_to" and not (who or topic):  # not "the email about the trip to boston"
            who = _name(_search(WHO_GONE_TO, said, "who"))
        if name == "go_to" and not (who or topic):
            topic = _search([TOPIC_GONE_TO], said, "topic")  # "go to the standup notes"
        return Slots(who=who, topic=topic)
    if name == "reply":
        # "write back, numbers by Friday", "reply: Thursday's on": a pause after the verb, no addressee
        who, words = _addressee_and_words(said, named=not NO_ADDRESSEE.search(text.lower()))
        sentences = re.split(r"(?<=[.?!])\s+", text.strip())
        for start in range(1, len(sentences)) if not words and not text.rstrip().endswith("?") else ():
            # "hmm, I don't know yet. could you let Bob know I'll get back to him": the request
            # begins in a later sentence, past the words a lead-in may hold
            if (later := _addressee_and_words(clean(" ".join(sentences[start:]))))[1]:
                who, words = later
                break
        if " " in who and not said_together(who, text):  # "reply to Sarah, put cloud spend at ...": "put" is said
            who, first_word = who.split(" ", 1)
            words = f"{first_word} {words}".strip()
        words = _tidy(words or _search(FORWARD_WORDS, said, "words"))
        words = "" if HEDGE.fullmatch(words) else words  # "I'm gonna have to answer Bob, I guess": no words yet
        if ASKED_POLITELY.search(said):
            words = THANKS_LAST.sub("", words)  # "could you tell Bob we're holding it, thanks so much": thanks to us
        if described := EMAIL_DESCRIBED.fullmatch(words):  # "reply to sarah's budget thing": no words yet
            return Slots(who=who, topic=described.group("what").strip())
        before_words = (
            said[: said.find(words)] if words and words in said else said
        )  # not "tell him I'll reply to the budget email"
        who, topic = _not_the_email(who, before_words)
        return Slots(who=who, topic=topic, words=words)
    if name == "draft":
        about = _tidy(_search(DRAFT_ABOUT, said, "about"))
        who, topic = _not_the_email(_name(_search(WHO_TO, said, "who")) or _addressee_and_words(said)[0], said)
        return Slots(who=who, topic=topic, about="" if NOT_ABOUT_ANYTHING.match(about) else about)
    if name == "add":
        return Slots(words=_tidy(_search(ADD_WORDS, said, "words")))
    if name == "edit":
        how = _search(EDIT_HOW, said, "how")
        toned = next((kind for verb, kind in TONE_VERBS.items() if re.search(rf"\b{verb}\b", how)), None)
        toned = None if re.search(r"\b(?:more|less) \w+", how) else toned  # "make the tone more formal" says how
        return Slots(how=toned or how)  # "that sounds rude, can you soften it": "softer"
    if name in ("mute", "unmute"):
        return Slots(who=_name(_search(WHO_RULE, said, "who")))
    if name == "forward":
        said = _without_sounds(said)  # "to, um, Bob": to Bob
        put_right = TO_SOMEONE_ELSE.search(said)  # "to bob, actually, to jamie": the last one said
        who = _name(put_right["who"] if put_right else _search(WHO_TO, said, "who"))
        if not who and (address := SET_APART_ADDRESS.search(said)):
            who = address["address"]  # "to my personal, alex@mailbox.example, ...": the address said
        note_at = re.search(r"\b(?:saying|say|with a note|note)\b", said)  # the note's own "don't tell them" stays
        plan = OWN_PLAN_TO_TELL.search(said[: note_at.start()] if note_at else said)
        words = "" if plan else _tidy(_search(FORWARD_WORDS, said, "words"))
        return Slots(who=who, words=words)
    if name == "move":
        return Slots(folder=_tidy(_search(FOLDER, said, "folder")))
    if name == "skip_sender":  # "skip anything from sarah for now"; "skip them" is the current sender
        return Slots(who=_name(_search(WHO_FROM, said, "who")))
    return Slots()


# How a request names whose email it means, with the name in its own place: after "from", before
# a possessive, or between an article and "one"/"email" (never the verb before it: "archive this
# one", "delete Bob's email").
FROM_SOMEONE = re.compile(rf"\bfrom (?:the )?{NAME}")
POSSESSIVE = re.compile(
    r"\b(?:(?P<first>[a-z][a-z.-]*) )?(?P<last>[a-z][a-z.-]*)'s(?: (?:[a-z]+ )?(?P<noun>email|mail|message|one|newsletter)\b"
    # "flag Bob's", "and Priya's too": the possessive said last
    r"|(?=(?: (?:too|as well|also|please|now|then|for me|thanks))*\W*$))"
)
# The act right before a possessive said last: "flag Bob's", "put a flag on Priya's".
ACTED_ON_LAST = re.compile(
    r"\b(?:flag|star|unflag|archive|delete|trash|bin|file|move|read|open|mark|on|me|forward|skip|mute|play|hear)\s+$"
)
THE_X_ONE = re.compile(
    r"\b(?:the|that|this) (?:(?P<first>[a-z][a-z.-]*) )?(?P<last>[a-z][a-z.-]*) (?:email|mail|message|one|newsletter)\b"
)


@dataclass(frozen=True)
class SenderSaid:
    """A sender a request names: the ways it may be read, the longest first ("sarah chen",
    "chen"), and whether it is surely a name ("from X", "X's") and not a word like "old"."""

    readings: tuple[str, ...]
    surely_a_name: bool


def sender_said(text: str) -> SenderSaid | None:
    """Whose email a request names ("the VendorX one", "Bob's email", "the one from Priya",
    "the IT email"); None when it names none (or a pronoun)."""
    said = clean(text)
    if found := _search(IT_DEPARTMENT, said, "who") or _name(_search([FROM_SOMEONE], said, "who")):
        return SenderSaid((found,), True)
    for pattern, surely in ((POSSESSIVE, True), (THE_X_ONE, False)):
        if (match := pattern.search(said)) is None:
            continue
        said_last = pattern is POSSESSIVE and match["noun"] is None
        if said_last and not ACTED_ON_LAST.search(said[: match.start("last")]):
            continue  # "archive this along with Bob's": this one, never Bob's instead
        words = [w for w in (match.group("first"), match.group("last")) if w]
        names = [w for w in words if w not in NOT_NAME and w not in PRONOUNS]
        if names and names[-1] == words[-1]:
            return SenderSaid(tuple(" ".join(names[i:]) for i in range(len(names))), surely)
    return None


# An address set apart after who it is for: "to my personal, alex@mailbox.example,"
SET_APART_ADDRESS = re.compile(rf"\bto (?:my |the )?(?:\w+ ){{0,2}}?,?\s*(?P<address>{ADDRESS})", re.IGNORECASE)


def described_by_sender(text: str) -> list[str]:
    """The words of an action's description that may name a sender, "it" included ("chuck the
    IT password thing": IT's email, whatever it is about)."""
    found = ACTED_ON.search(clean(text))
    return [w for w in found.group("what").split() if w not in EMAIL_NOUNS] if found else []


def described_email(text: str) -> str:
    """The words an action describes its email by ("standup notes"); "" when it describes none."""
    found = ACTED_ON.search(clean(text))
    if found is None:
        return ""
    words = found.group("what").split()
    if any(w in PLACE_OR_STATE for w in words):
        return ""  # "the current one", "the important one": placed elsewhere, or the current email
    return " ".join(w for w in words if w not in EMAIL_NOUNS and w not in ENGLISH_STOP_WORDS and w not in NOT_NAME)
