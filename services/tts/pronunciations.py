"""The IT admin's pronunciation list: how the voice says senders' names and company words.

A YAML file (``MAILVOX_TTS_PRONUNCIATIONS``) maps a word to a respelling in plain letters or to
phonemes in one ``[[...]]`` block::

    pronunciations:
      Nguyen: win
      Siobhan: shiv AWN
      Xochitl: "[[sˈoʊtʃiːl]]"

Listed words are replaced whole and in any case before Piper sees the text. Piper 1.8
(``PiperVoice.phonemize`` in piper/voice.py, read 2026-12) passes a ``[[...]]`` block of an
espeak voice to the model as it is: one phoneme per character, a space is a word break, and no
check that the voice knows the symbols (an unknown one is dropped with a log warning). Espeak
also drops the punctuation that opens the text after a block, so a possessive and a clause or
sentence mark next to a listed word go inside its block here. What a block still costs: the
word before it is read as if it ended a clause ("reply to" says a full "tuː"), and Piper makes
one audio chunk of the block's sentence and its neighbours. A respelling costs neither.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Annotated

import yaml
from piper.config import PhonemeType, PiperConfig
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, model_validator
from pydantic_core import ErrorDetails

BLOCK = re.compile(r"\[\[(.*)\]\]", re.DOTALL)
# Espeak's own spelling ends at a mark like these; a block has to carry it (see the docstring).
MARKS = ".,;:!?"
# The English possessive: "iz" after a hiss (Ross's), "s" after a voiceless sound (Kate's), else "z".
HISSES = frozenset("szʃʒ")
VOICELESS = frozenset("ptkfθ")
STRESS_AND_LENGTH = "ˈˌːˑ"


class PronunciationError(ValueError):
    """The pronunciation list cannot be used; the message names the file and the entry."""


def _word(word: str) -> str:
    """A listed word: letters or digits at both ends, so it can be matched as a whole word."""
    if not re.fullmatch(r"\w(.*\w)?", word, re.DOTALL):
        raise ValueError("a listed word must start and end with a letter or digit")
    return word


def _spoken(spoken: str) -> str:
    """A respelling in lower case (espeak spells out capitals: "AWN" as A-W-N), or a [[...]] block.

    The listed word's own capital comes back when it is said (Pronunciations.apply)."""
    block = BLOCK.fullmatch(spoken.strip())
    if block is not None:
        # Espeak's phonemes reach Piper decomposed (NFD); the block's should match them.
        phonemes = unicodedata.normalize("NFD", block[1].strip())
        if not phonemes or "[" in phonemes or "]" in phonemes:
            raise ValueError("phonemes go in one [[...]] block, with nothing else")
        return f"[[{phonemes}]]"
    if "[" in spoken or "]" in spoken:
        raise ValueError("a respelling has no brackets; phonemes go in one [[...]] block on their own")
    if not any(c.isalpha() for c in spoken):
        raise ValueError("a respelling needs letters")
    return " ".join(spoken.lower().split())


class PronunciationFile(BaseModel):
    """The file's shape: one ``pronunciations`` mapping of word to respelling or phonemes."""

    model_config = ConfigDict(extra="forbid")

    pronunciations: dict[Annotated[str, AfterValidator(_word)], Annotated[str, AfterValidator(_spoken)]] | None

    @model_validator(mode="after")
    def _one_way_to_say_each(self) -> PronunciationFile:
        seen: dict[str, str] = {}
        for word, spoken in (self.pronunciations or {}).items():
            if (other := seen.setdefault(" ".join(word.casefold().split()), word)) != word:
                raise ValueError(f"entries {other!r} and {word!r} are the same word (case does not count)")
            if " " not in word and " " in spoken and spoken.startswith("[["):
                raise ValueError(
                    f"entry {word!r}: a space in [[...]] is a word break for Piper; write the sounds of "
                    "one word together, as espeak does ([[sˈoʊtʃiːl]])"
                )
        return self


def possessive(phonemes: str) -> str:
    """The phonemes of 's after a word ending in `phonemes`."""
    last = phonemes.rstrip(STRESS_AND_LENGTH)[-1:]
    return "ɪz" if last in HISSES else "s" if last in VOICELESS else "z"


def _any_spacing(word: str) -> str:
    """A pattern for `word` with any run of spaces or a line break between its parts."""
    return r"\s+".join(map(re.escape, word.split()))


class Pronunciations:
    """Listed words, matched whole and in any case, and what the voice says for each."""

    def __init__(self, entries: dict[str, str] | None = None, source: Path | None = None) -> None:
        """`entries` as validated by PronunciationFile (respellings lower case, blocks NFD)."""
        self.source = source
        self.spoken = list(entries.items()) if entries else []
        self.pattern: re.Pattern[str] | None = None
        if self.spoken:
            # Longest first, so "Van Der Berg" wins over "Van"; one group per entry says which matched.
            self.spoken.sort(key=lambda item: len(item[0]), reverse=True)
            words = "|".join(f"(?P<w{i}>{_any_spacing(word)})" for i, (word, _) in enumerate(self.spoken))
            self.pattern = re.compile(
                # not inside a word (O'Nguyen, Nguyenco), an 's kept, a mark next to it taken along
                rf"(?<!\w)(?<!\w['’])(?:{words})(?P<s>['’]s)?(?!\w|['’]\w)(?P<mark>[{re.escape(MARKS)}](?=\s|$))?",
                re.IGNORECASE,
            )

    def __len__(self) -> int:
        return len(self.spoken)

    def apply(self, text: str) -> str:
        """`text` with each listed word replaced by its respelling or its [[phonemes]] block."""
        return text if self.pattern is None else self.pattern.sub(self._say, text)

    def _say(self, match: re.Match[str]) -> str:
        index = next(i for i in range(len(self.spoken)) if match[f"w{i}"] is not None)
        spoken, s, mark = self.spoken[index][1], match["s"] or "", match["mark"] or ""
        if not spoken.startswith("[["):
            # A capital kept: espeak ends a sentence at a full stop only before one ("win. shiv" runs on).
            if match[0][0].isupper():
                spoken = spoken[0].upper() + spoken[1:]
            return spoken + s + mark
        phonemes = spoken[2:-2]
        return f"[[{phonemes}{possessive(phonemes) if s else ''}{mark}]]"

    def check_voice(self, config: PiperConfig) -> None:
        """Raise PronunciationError if the voice cannot say a listed block (Piper would drop sounds)."""
        for word, spoken in self.spoken:
            if not spoken.startswith("[["):
                continue
            if config.phoneme_type != PhonemeType.ESPEAK:
                raise PronunciationError(
                    f"pronunciation list {self.source}: entry {word!r}: this voice ({config.phoneme_type.value} "
                    "phonemes) reads no [[...]] blocks; use a respelling"
                )
            unknown = sorted({c for c in spoken[2:-2] if c not in config.phoneme_id_map})
            if unknown:
                raise PronunciationError(
                    f"pronunciation list {self.source}: entry {word!r}: the voice has no phoneme "
                    f"{', '.join(map(repr, unknown))}; write the sounds as espeak-ng IPA"
                )


def load_pronunciations(path: Path | None) -> Pronunciations:
    """The list in the YAML file at `path`; none when `path` is None.

    Raises PronunciationError, naming the file and the entry, for a file that cannot be read or
    parsed and for any entry that is not a word with a respelling or one [[...]] block.
    """
    if path is None:
        return Pronunciations()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise PronunciationError(f"pronunciation list {path}: cannot be read: {error}") from error
    if not isinstance(raw, dict):
        raise PronunciationError(f"pronunciation list {path}: expected `pronunciations:` and its words at the top")
    # YAML reads an unquoted No, On or 42 as a boolean or a number; pydantic would only say "entry 0".
    entries = raw.get("pronunciations")
    for word in entries if isinstance(entries, dict) else ():
        if not isinstance(word, str):
            raise PronunciationError(
                f"pronunciation list {path}: entry {word!r}: YAML reads this word as a {type(word).__name__}; quote it"
            )
    try:
        listed = PronunciationFile.model_validate(raw)
    except ValidationError as error:
        raise PronunciationError(f"pronunciation list {path}: {'; '.join(map(_problem, error.errors()))}") from None
    return Pronunciations(listed.pronunciations, source=path)


def _problem(error: ErrorDetails) -> str:
    """One validation problem as "entry 'Nguyen': why", or where in the file it is."""
    loc, why = error["loc"], error["msg"].removeprefix("Value error, ")
    if len(loc) >= 2 and loc[0] == "pronunciations":
        return f"entry {loc[1]!r}: {why}"
    return f"{'.'.join(map(str, loc))}: {why}" if loc else why


def as_text(text: str) -> str:
    """`text` with no [[...]] block of its own: Piper takes one as raw phonemes and drops what it
    can't say, so an email's "[[URGENT]]" would vanish. Only the list's blocks are phonemes."""
    return re.sub(r"\](?=\])", "] ", re.sub(r"\[(?=\[)", "[ ", text))  # every pair, "[[[" too
