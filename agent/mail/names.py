"""Sender names as speech gives them: "Bob" should find Robert Smith."""

from __future__ import annotations

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
