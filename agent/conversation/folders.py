"""Which folder a spoken name means, among the mailbox's real folders ("file this under
Receipts", "move it to projects", heard "re seats"). Never a new folder: a name that fits none
is said back, and two that fit alike are asked about."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from mailvox.agent.mail import word_closeness

from .spoken import listed

# Folders the mail program keeps for itself: filing into them is another action (send, delete).
NOT_FOR_FILING = re.compile(r"^(?:drafts?|sent(?: items| mail| messages)?|outbox|templates)$", re.IGNORECASE)
# Folders every mailbox has: not worth listing when a spoken name fits none.
COMMON = frozenset({"inbox", "trash", "junk", "spam", "archive", "drafts", "sent", "outbox", "templates"})
CLOSE_ENOUGH = 80  # rapidfuzz ratio of the whole name: "re seats" -> "receipts"
# What names no folder in particular: "move this to a folder" still asks which.
NO_FOLDER_NAMED = re.compile(r"^(?:(?:a|another|one of my|my|the right|some) )?(?:folder|folders|somewhere|place)$")
# The words around a folder's name when it answers "Which folder?" ("okay, projects then").
AROUND_AN_ANSWER = re.compile(
    r"\b(?:okay|ok|um+|uh+|so|yeah|yes|yep|the|that|one|folder|in|into|to|under|it|put|file|move|please|"
    r"then|let's|lets|go|with|i|guess|how|about|try|maybe|just|er|erm|sorry|mean|meant|no|actually|oh|well|rather)\b"
)

# Politeness said after the folder's name: "pop that in Release, would you".
TAG_AFTER = re.compile(
    r"(?:\s+(?:(?:would|could|will|can) you|please|thanks|thank you|cheers|for me|if you can|if you could|now))+$"
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _leaf(folder: str) -> str:
    """The folder's own name, without its parents ("Projects/Alpha" -> "Alpha")."""
    return re.split(r"[/.]", folder)[-1]


def folder_named(spoken: str, folders: list[str]) -> tuple[str, str]:
    """(the folder, "") or ("", a short sentence to say): the folder whose name, or its own
    last part, is what was said, heard alike or spelt alike."""
    said = TAG_AFTER.sub("", " ".join(_words(spoken)))  # "release, would you": "release"
    choices = [f for f in folders if not NOT_FOR_FILING.match(_leaf(f))]
    if not said or NO_FOLDER_NAMED.match(said):
        return "", f"Which folder?{_listed(folders)}"
    leaves = {" ".join(_words(_leaf(f))) for f in choices}
    if said == "spam" and "spam" not in leaves:  # "mark it as spam": the junk folder, as mail programs call it
        said = "junk"
    exact = [f for f in choices if said in (" ".join(_words(f)), " ".join(_words(_leaf(f))))]
    if len(exact) == 1:
        return exact[0], ""
    close = exact or [
        f
        for f in choices
        if fuzz.ratio(said.replace(" ", ""), "".join(_words(_leaf(f)))) >= CLOSE_ENOUGH
        or all(word_closeness(word, _words(f)) is not None for word in said.split())
    ]
    if len(close) == 1:
        return close[0], ""
    if close:
        return "", f"Which folder: {listed(close, 'or')}?"
    return "", f"I don't see a folder called {said}.{_listed(folders)}"


def _listed(folders: list[str]) -> str:
    """ " Yours are Projects and Receipts.": the caller's own folders, when few enough to say."""
    mine = _own(folders)
    if not mine:
        return " You have no folders of your own."
    return f" Yours {'is' if len(mine) == 1 else 'are'} {listed(mine)}." if len(mine) <= 6 else ""


def _own(folders: list[str]) -> list[str]:
    return [_leaf(f) for f in folders if _leaf(f).lower() not in COMMON and not NOT_FOR_FILING.match(_leaf(f))]


# "Which folders have I got?", "what folders are there?": answered from the server's list.
FOLDERS_ASKED = re.compile(
    r"\b(?:which|what) folders\b|\bfolders (?:do i have|have i got|are there)\b|\b(?:list|name) (?:my |the )?folders\b"
)


def folders_said(folders: list[str]) -> str:
    """The caller's folders, as said when asked: their own ones, then the usual ones."""
    mine = _own(folders)
    usual = [_leaf(f) for f in folders if _leaf(f).lower() in COMMON - {"drafts", "sent", "outbox", "templates"}]
    if not mine:
        return f"You have only {listed(usual)}." if usual else "You have no folders to file into."
    if len(mine) > 8:
        return f"You have {len(mine)} folders of your own, including {listed(mine[:5])}."
    return (
        f"Your folders are {listed(mine)}, besides {listed(usual)}." if usual else f"Your folders are {listed(mine)}."
    )


def folder_in_answer(said: str, folders: list[str]) -> str:
    """The folder an answer to "Which folder?" names ("okay, projects then"); "" when it names
    none, or not one alone (the caller said something else)."""
    rest = _answered(said)
    if not rest:
        return ""
    folder, problem = folder_named(rest, folders)
    return "" if problem else folder


def no_such_folder(said: str, folders: list[str]) -> str:
    """What to say when an answer to "Which folder?" is a word or two that name no folder
    ("sorry, I mean admin"): that there is none; "" for anything longer, another request."""
    rest = _answered(said)
    return folder_named(rest, folders)[1] if rest and len(rest.split()) <= 2 else ""


def _answered(said: str) -> str:
    return " ".join(AROUND_AN_ANSWER.sub(" ", " ".join(_words(said))).split())
