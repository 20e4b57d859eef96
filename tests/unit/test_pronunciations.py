"""The admin's pronunciation list: listed words are replaced whole, in any case, keeping an 's
and the punctuation around them; a bad file stops the TTS service at start-up, naming the file
and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailvox.services.tts.app import build_app
from mailvox.services.tts.pronunciations import PronunciationError, Pronunciations, as_text, load_pronunciations
from mailvox.services.tts.settings import TTSSettings

LIST = """\
pronunciations:
  Nguyen: win            # a respelling
  Siobhan: shiv AWN      # dictionary-style capitals for stress
  Van Der Berg: fun dare bairk
  Van: vahn
  AT&T: a t and t
  Xochitl: "[[sˈoʊtʃiːl]]"   # phonemes, as espeak-ng writes them
  Ross: "[[ɹˈɔs]]"
  Kate: "[[kˈeɪt]]"
"""


@pytest.fixture
def listed(tmp_path):
    path = tmp_path / "pronunciations.yaml"
    path.write_text(LIST, encoding="utf-8")
    return load_pronunciations(path)


@pytest.mark.parametrize(
    "text, said",
    [
        ("Email from nguyen.", "Email from win."),
        ("NGUYEN and Nguyen and nguyen", "Win and Win and win"),  # any case; a capital is kept
        ("nguyen's draft and Nguyen’s reply", "win's draft and Win’s reply"),  # the 's is kept
        ("(nguyen), 'nguyen' and \"nguyen\"!", "(win), 'win' and \"win\"!"),
        ("nguyen-Smith wrote", "win-Smith wrote"),  # a hyphen joins two words
        (
            "Nguyenco, xNguyen, Nguyen2, Nguyen_x, O'Nguyen, Nguyen'd",
            "Nguyenco, xNguyen, Nguyen2, Nguyen_x, O'Nguyen, Nguyen'd",
        ),
        ("nguyen@northwind.example", "win@northwind.example"),
        ("Ask Siobhan", "Ask Shiv awn"),  # espeak spells capitals out: "AWN" would be A-W-N
        ("Van Der Berg and van", "Fun dare bairk and vahn"),  # the longer entry first
        ("van der\n  berg", "fun dare bairk"),  # any spacing between a listed phrase's words
        ("Vanessa and Vans", "Vanessa and Vans"),
        ("AT&T called", "A t and t called"),  # the listed word is text, not a pattern
        ("Nothing listed here.", "Nothing listed here."),
    ],
)
def test_listed_words_are_replaced_whole_in_any_case(listed, text, said):
    assert listed.apply(text) == said


@pytest.mark.parametrize(
    "text, said",
    [
        ("Email from Xochitl about it", "Email from [[sˈoʊtʃiːl]] about it"),
        # Piper drops the punctuation that opens the text after a block: it goes inside
        (
            "Xochitl, today. Xochitl. Xochitl? Xochitl!",
            "[[sˈoʊtʃiːl,]] today. [[sˈoʊtʃiːl.]] [[sˈoʊtʃiːl?]] [[sˈoʊtʃiːl!]]",
        ),
        ("Xochitl's draft", "[[sˈoʊtʃiːlz]] draft"),  # 's after a voiced sound: z
        ("Ross's draft", "[[ɹˈɔsɪz]] draft"),  # after a hiss: iz
        ("Kate's draft.", "[[kˈeɪts]] draft."),  # after a voiceless sound: s
        ("Xochitl's.", "[[sˈoʊtʃiːlz.]]"),
        ("xochitl.com", "[[sˈoʊtʃiːl]].com"),  # a mark inside a name stays outside
    ],
)
def test_a_phoneme_entry_becomes_a_piper_block_with_its_possessive_and_mark(listed, text, said):
    assert listed.apply(text) == said


@pytest.mark.parametrize("content", ["pronunciations:\n", "pronunciations: {}\n"])
def test_an_empty_list_changes_nothing(tmp_path, content):
    path = tmp_path / "empty.yaml"
    path.write_text(content)
    pronunciations = load_pronunciations(path)
    assert len(pronunciations) == 0
    assert pronunciations.apply("Email from Nguyen's team.") == "Email from Nguyen's team."


def test_no_list_is_the_default_and_changes_nothing(monkeypatch):
    monkeypatch.delenv("MAILVOX_TTS_PRONUNCIATIONS", raising=False)
    assert TTSSettings().pronunciations is None
    assert load_pronunciations(None).apply("Nguyen") == "Nguyen"


def test_the_list_is_named_by_mailvox_tts_pronunciations(monkeypatch, tmp_path):
    monkeypatch.setenv("MAILVOX_TTS_PRONUNCIATIONS", str(tmp_path / "p.yaml"))
    assert TTSSettings().pronunciations == tmp_path / "p.yaml"


@pytest.mark.parametrize(
    "content, says",
    [
        (None, ["cannot be read", "No such file"]),
        ("pronunciations: [win\n", ["cannot be read"]),  # not YAML
        ("", ["expected `pronunciations:`"]),
        ("- Nguyen: win\n", ["expected `pronunciations:`"]),
        ("pronunciation:\n  Nguyen: win\n", ["pronunciation:", "Extra inputs"]),  # a typo
        ("pronunciations:\n  - Nguyen: win\n", ["pronunciations:", "valid dictionary"]),
        ("pronunciations:\n  Nguyen: win\n  -Nguyen: win\n", ["entry '-Nguyen'", "start and end with a letter"]),
        ("pronunciations:\n  Nguyen: ''\n", ["entry 'Nguyen'", "needs letters"]),
        ("pronunciations:\n  Nguyen:\n", ["entry 'Nguyen'", "valid string"]),
        ("pronunciations:\n  Nguyen: 42\n", ["entry 'Nguyen'", "valid string"]),
        ("pronunciations:\n  No: know\n", ["entry False", "as a bool; quote it"]),  # YAML's yes/no
        ("pronunciations:\n  Nguyen: win [[wˈɪn]]\n", ["entry 'Nguyen'", "no brackets"]),
        ("pronunciations:\n  Nguyen: '[[ ]]'\n", ["entry 'Nguyen'", "one [[...]] block"]),
        ("pronunciations:\n  Nguyen: win\n  NGUYEN: when\n", ["'Nguyen' and 'NGUYEN' are the same word"]),
        ("pronunciations:\n  Van Der: a\n  van  der: b\n", ["'Van Der' and 'van  der' are the same word"]),
        ("pronunciations:\n  Xochitl: '[[s oʊ tʃ iː l]]'\n", ["entry 'Xochitl'", "word break"]),
    ],
)
def test_a_bad_file_is_a_clear_error_naming_the_file_and_the_entry(tmp_path, content, says):
    path = tmp_path / "pronunciations.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(PronunciationError) as raised:
        load_pronunciations(path)
    assert str(path) in str(raised.value)
    for words in says:
        assert words in str(raised.value)


def test_a_bad_list_stops_the_service_before_it_listens(tmp_path: Path):
    path = tmp_path / "pronunciations.yaml"
    path.write_text("pronunciations:\n  Nguyen: ''\n")
    with pytest.raises(PronunciationError, match="entry 'Nguyen'"):
        build_app(TTSSettings(pronunciations=path))


def test_a_texts_own_double_brackets_are_never_taken_for_phonemes():
    assert as_text("Subject [[URGENT]] budget") == "Subject [ [URGENT] ] budget"
    assert "[[" not in as_text("[[[URGENT]]]") and "]]" not in as_text("[[[URGENT]]]")
    listed = Pronunciations({"Xochitl": "[[sˈoʊtʃiːl]]"})
    assert listed.apply(as_text("[[hi]] from Xochitl")) == "[ [hi] ] from [[sˈoʊtʃiːl]]"
