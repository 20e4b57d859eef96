"""The pronunciation list with the packaged Piper voice: a listed word gets the phonemes of its
respelling from Piper's own phonemizer, and the running TTS service speaks it so."""

from __future__ import annotations

import httpx
import jiwer
import pytest
from piper import PiperVoice

from mailvox.models import catalog
from mailvox.services.tts.app import PiperEngine
from mailvox.services.tts.pronunciations import PronunciationError, Pronunciations, load_pronunciations
from mailvox.services.tts.settings import TTSSettings
from mailvox_dev.devservers.stack import ModelService

LIST = """\
pronunciations:
  Nguyen: win
  Siobhan: shiv AWN
  Xochitl: "[[sˈoʊtʃiːl]]"   # what espeak-ng says for "sohcheel"
  NWX: Northwind Exchange
"""


@pytest.fixture(scope="module")
def voice() -> PiperVoice:
    return PiperVoice.load(catalog.require("tts").main_file())


@pytest.fixture(scope="module")
def list_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("pronunciations") / "pronunciations.yaml"
    path.write_text(LIST, encoding="utf-8")
    return path


def spoken(voice: PiperVoice, text: str) -> str:
    """The phonemes Piper says for `text`. After a [[...]] block Piper joins the next sentence
    to the block's (one audio chunk instead of two), so sentences are compared joined."""
    return " ".join("".join(sentence) for sentence in voice.phonemize(text))


@pytest.mark.parametrize(
    "text, respelled",
    [
        ("Email from Nguyen's team, about the budget.", "Email from win's team, about the budget."),
        ("Email from nguyen. SIOBHAN asked: can we move it?", "Email from win. Shiv awn asked: can we move it?"),
        (
            "Email from Xochitl, today. Xochitl's draft is ready!",
            "Email from Sohcheel, today. Sohcheel's draft is ready!",
        ),
        ("A reply from Xochitl.", "A reply from sohcheel."),
    ],
)
def test_a_listed_name_gets_the_phonemes_of_its_respelling(voice, list_file, text, respelled):
    listed = load_pronunciations(list_file)
    assert spoken(voice, listed.apply(text)) == spoken(voice, respelled)
    assert spoken(voice, text) != spoken(voice, respelled)


def test_the_voice_refuses_a_phoneme_it_lacks_at_start_up(list_file):
    PiperEngine(TTSSettings(), load_pronunciations(list_file))  # every listed sound is the voice's
    with pytest.raises(PronunciationError, match=r"entry 'Nguyen': the voice has no phoneme '€'"):
        PiperEngine(TTSSettings(), Pronunciations({"Nguyen": "[[w€n]]"}))


@pytest.fixture(scope="module")
def listing_tts_service(run_dir, list_file):
    started = ModelService("tts", run_dir / "logs-pronunciations", env={"MAILVOX_TTS_PRONUNCIATIONS": str(list_file)})
    started.start()
    yield started
    started.stop()


def heard(tts_url: str, stt_url: str, text: str) -> str:
    speech = httpx.post(f"{tts_url}/v1/audio/speech", json={"input": text, "response_format": "wav"}, timeout=60)
    assert speech.status_code == 200
    r = httpx.post(
        f"{stt_url}/v1/audio/transcriptions",
        files={"file": ("speech.wav", speech.content, "audio/wav")},
        data={"language": "en"},
        timeout=60,
    )
    return jiwer.RemovePunctuation()(r.json()["text"].lower())


def test_the_service_says_a_listed_word_as_the_list_has_it(listing_tts_service, tts_service, stt_service):
    # Piper samples noise (the service keeps its default scales), so no two takes have the same
    # audio and comparing audio would prove nothing: what Whisper hears is compared instead,
    # two takes in three as in the round-trip test. Xochitl's block goes through the same request.
    text = "You have an email from NWX about Xochitl's budget."
    takes = [heard(listing_tts_service.url, stt_service.url, text) for _ in range(3)]
    assert sum("exchange" in take.split() for take in takes) >= 2, takes
    unlisted = heard(tts_service.url, stt_service.url, text)
    assert "exchange" not in unlisted.split(), unlisted
