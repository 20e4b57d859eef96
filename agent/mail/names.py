"""Sender names as speech gives them: "Bob" should find Robert Smith."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import jellyfish
from rapidfuzz import fuzz

# Common English nicknames, both ways. Short on purpose: the fuzzy match covers the rest.
NICKNAMES = {
    "bob": ["robert"],
    "rob": ["robert"],
    "bobby": ["robert"],
    "bill": ["william"],
    "will": ["william"],
    "liz": ["elizabeth"],
    "beth": ["elizabeth"],
    "kate": ["katherine", "catherine"],
    "katie": ["katherine", "catherine"],
    "jim": ["james"],
    "jimmy": ["james"],
    "mike": ["michael"],
    "dave": ["david"],
    "dan": ["daniel"],
    "danny": ["daniel"],
    "tom": ["thomas"],
    "tony": ["anthony"],
    "chris": ["christopher", "christine", "christina"],
    "alex": ["alexander", "alexandra"],
    "sam": ["samuel", "samantha"],
    "joe": ["joseph"],
    "jen": ["jennifer"],
    "jenny": ["jennifer"],
    "steve": ["steven", "stephen"],
    "matt": ["matthew"],
    "nick": ["nicholas"],
    "pat": ["patrick", "patricia"],
    "rick": ["richard"],
    "dick": ["richard"],
    "ed": ["edward"],
    "ted": ["edward"],
    "andy": ["andrew"],
    "greg": ["gregory"],
    "jon": ["jonathan"],
    "meg": ["margaret"],
    "peggy": ["margaret"],
    "sue": ["susan"],
}
_REVERSE: dict[str, list[str]] = {}
for _short, _longs in NICKNAMES.items():
    for _long in _longs:
        _REVERSE.setdefault(_long, []).append(_short)


def name_variants(spoken: str) -> list[str]:
    """What to search the From header for: the words as said, plus nickname forms."""
    spoken = " ".join(spoken.lower().split())
    variants = [spoken]
    first = spoken.split(" ")[0]
    for other in NICKNAMES.get(first, []) + _REVERSE.get(first, []):
        variants.append(" ".join([other, *spoken.split(" ")[1:]]))
    return list(dict.fromkeys(variants))


def sender_matches(spoken: str, name: str, email: str, threshold: int = 80) -> bool:
    """Fuzzy match of what the user said against a sender's name and address."""
    candidates = [name.lower(), email.lower(), email.split("@")[0].replace(".", " ").lower()]
    for variant in name_variants(spoken):
        for candidate in candidates:
            if candidate and fuzz.partial_ratio(variant, candidate) >= threshold:
                return True
    return False


# How close a spoken word is to a word of a sender's name or address, closest first.
EXACT, SOUNDS_ALIKE, SPELT_ALIKE, CONTAINED = range(4)
SPELT_ALIKE_SCORE = 80  # rapidfuzz ratio: "sarah chan" -> chen, "prya" -> priya; "bob" -/-> rob


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]


def sender_words(name: str, email: str) -> set[str]:
    """The words a sender may be called by: the name's, the address's local part's and its
    domain's ("news@acme-mail.com" -> news, acme, mail, com)."""
    return set(_words(name)) | set(_words(email))


def word_closeness(spoken: str, words: Iterable[str]) -> int | None:
    """The closest kind of match of one spoken word (nickname forms included) to any of the
    words: EXACT, SOUNDS_ALIKE (same Metaphone key: "sara", "kathryn"/"catherine") or
    SPELT_ALIKE; None when it matches none of them."""
    forms = name_variants(spoken)
    best: int | None = None
    for word in words:
        for form in forms:
            if form == word:
                return EXACT
            if len(form) > 2 and len(word) > 2 and jellyfish.metaphone(form) == jellyfish.metaphone(word):
                best = SOUNDS_ALIKE
            elif best is None and (
                fuzz.ratio(form, word) >= SPELT_ALIKE_SCORE
                or _glides_alike(form, word)
                or _ends_alike(form.removesuffix("s") if len(form) > 3 else form, word)
            ):
                best = SPELT_ALIKE
    # a final "a" written with the r a non-rhotic speaker never says: "prier" for Priya
    unsaid_r = spoken[:-2] + "a" if len(spoken) >= 5 and spoken.endswith("er") else ""
    if best is None and unsaid_r and any(_glides_alike(unsaid_r, word) or unsaid_r == word for word in words):
        best = SOUNDS_ALIKE
    return best


# A last consonant heard voiced or unvoiced ("bop" for Bob, "ted" for Ted's "tet"), as Metaphone keys.
_DEVOICED = {"B": "P", "D": "T", "G": "K", "V": "F", "Z": "S", "J": "X"}


def _ends_alike(spoken: str, word: str) -> bool:
    """Whether two words sound alike but for their last consonant, voiced in one and not in the
    other: "bops" (a possessive said of "Bob") is Bob's. Two sounds or more, the first the same."""
    if len(spoken) < 3 or len(word) < 3 or fuzz.ratio(spoken, word) < 60:  # "beeps" is not Bob
        return False
    raw = [jellyfish.metaphone(w) for w in (spoken, word)]
    keys = [key[:-1] + _DEVOICED.get(key[-1:], key[-1:]) for key in raw]
    # only where the voicing is what differs: "task" and "desk" sound alike anyway, and are no name
    return raw[0] != raw[1] and len(keys[0]) >= 2 and keys[0] == keys[1]


def _glides_alike(spoken: str, word: str) -> bool:
    """Whether two words sound alike but for a glide the recognizer drops or adds inside them
    ("preea" for Priya): the same Metaphone key without a Y, W or H after its first sound, of two
    sounds or more ("whens" is not "news": a first sound is never dropped)."""
    if len(spoken) < 3 or len(word) < 3:
        return False
    keys = [key[:1] + key[1:].translate(_GLIDES) for key in map(jellyfish.metaphone, (spoken, word))]
    return len(keys[0]) >= 2 and keys[0] == keys[1]


_GLIDES = str.maketrans("", "", "YWH")


def name_closeness(spoken: str, name: str, email: str) -> int | None:
    """How closely a spoken name means a sender: every spoken word must match a word of theirs,
    and the loosest word decides; failing that, the old whole-string partial match counts as
    CONTAINED ("vendorx" in "VendorX Billing"). None: not this sender."""
    said = _words(spoken)
    if not said:
        return None
    words = sender_words(name, email)
    levels = [word_closeness(word, words) for word in said]
    if all(level is not None for level in levels):
        return max(level for level in levels if level is not None)
    if len(said) > 1 and (whole := word_closeness("".join(said), words)) is not None:
        return max(whole, SOUNDS_ALIKE)  # one name heard as syllables: "pree-a" is Priya
    return CONTAINED if sender_matches(spoken, name, email) else None


def closest_senders(spoken: str, senders: Sequence[tuple[str, str]]) -> list[int]:
    """The indexes of the (name, address) pairs the spoken name means, by the closest kind of
    match that finds any: "sarah" finds both Sarahs, "sarah chen" one, "sara chan" her too,
    "bob" Robert. Empty when it means nobody."""
    levels = [name_closeness(spoken, name, email) for name, email in senders]
    found = [level for level in levels if level is not None]
    if not found:
        return []
    return [index for index, level in enumerate(levels) if level == min(found)]


def closest_people(spoken: str, people: Sequence[tuple[str, str]]) -> list[int]:
    """As closest_senders, for someone mail is to go to: every spoken word must be a word of
    their name or of their address's local part (said, a nickname, or sounding or spelt alike);
    never a word of the domain, nor a name merely containing the words ("kevin" is not
    help@kevin-support.example)."""
    said = _words(spoken)
    levels: list[int | None] = []
    for name, email in people:
        words = set(_words(name)) | set(_words(email.split("@", 1)[0]))
        found = [word_closeness(word, words) for word in said]
        levels.append(max(level for level in found if level is not None) if said and None not in found else None)
    best = min((level for level in levels if level is not None), default=None)
    return [index for index, level in enumerate(levels) if best is not None and level == best]


# Which of several, by place: the answer to "Sarah Chen or Sarah Park?".
ORDINALS = {"first": 0, "former": 0, "second": 1, "latter": 1, "third": 2, "fourth": 3}


def one_named(answer: str, people: Sequence[tuple[str, str]]) -> int | None:
    """The index of the one (name, address) pair an answer to "Sarah Chen or Sarah Park?" names
    ("Chen", "Sarah Park please", "the second one"); None when it names none or several."""
    # "send it" is no answer, "the IT one" is: the recognizer writes the department in capitals
    said = [word.lower() for word in re.findall(r"[A-Za-z0-9]+", answer) if word != "it"]
    # "not Chen", "not the first one, the other one": a word after "not" rules one out
    after_not = [said[i + 1 :] for i, word in enumerate(said) if word == "not"]
    ruled_out = {next((w for w in rest if w != "the"), "") for rest in after_not}
    words = [w for w in said if w not in ruled_out and w != "not"]
    for word, index in ORDINALS.items():
        if word in words and index < len(people):
            return index
    if "other" in words and len(people) == 2:
        out = [index for word, index in ORDINALS.items() if word in ruled_out and index < 2]
        if out:
            return 1 - out[0]
    apart = [sender_words(name, email) for name, email in people]
    shared = set.intersection(*apart) if apart else set()
    levels = []
    for own in apart:  # only the words that tell them apart count: "sarah" names both
        found = [level for word in words if (level := word_closeness(word, own - shared)) is not None]
        levels.append(min(found) if found else None)
    best = min((level for level in levels if level is not None), default=None)
    chosen = [index for index, level in enumerate(levels) if best is not None and level == best]
    if not chosen and len(people) == 2 and ruled_out:  # "not Chen": the other one
        out = [i for i, own in enumerate(apart) if any(word_closeness(w, own - shared) is not None for w in ruled_out)]
        chosen = [1 - out[0]] if len(out) == 1 else []
    return chosen[0] if len(chosen) == 1 else None
