"""The spoken training rows: slots kept only where their words survive, a line heard as another
command left out, noise added at the stated level, and the spoken rows in the model's corpus."""

from __future__ import annotations

import numpy as np

from mailvox.agent.conversation.understanding import (
    SPOKEN_TRAIN_FILE,
    TRAIN_FILE,
    load_phrasings,
    training_phrasings,
    with_objects,
)
from mailvox_dev.bench.garble import VOICINGS, contradicts, road_noise, surviving_slots


def test_a_slot_is_kept_only_where_its_words_survive_whole():
    slots = {"who": "sarah", "words": "i'll send the numbers by friday"}
    assert surviving_slots(slots, "Tell Sarah I'll send the numbers by Friday.") == slots
    assert surviving_slots(slots, "Tell Sara I'll send the numbers by Friday.") == {"words": slots["words"]}
    assert surviving_slots({"who": "bob"}, "Go back to the Bobby email.") == {}


def test_a_line_heard_as_another_exact_command_is_left_out():
    assert contradicts("Archive it.", "send")  # "ship it", as Whisper once heard it
    assert not contradicts("Send it.", "send")
    assert not contradicts("Mute the center.", "mute")  # garbled, but no other command


def test_road_noise_has_unit_level_and_most_of_its_energy_low():
    noise = road_noise(16000, np.random.default_rng(0))
    spectrum = np.abs(np.fft.rfft(noise)) ** 2
    assert abs(float(np.sqrt(np.mean(noise**2))) - 1.0) < 1e-6
    assert spectrum[:500].sum() > spectrum[4000:].sum()  # below 500 Hz beats above 4 kHz


def test_every_spoken_row_names_its_typed_line_and_joins_the_corpus():
    spoken = load_phrasings(SPOKEN_TRAIN_FILE)
    typed = {p.text for p in training_phrasings() if not p.spoken_from}
    assert spoken and all(p.spoken_from in typed for p in spoken)
    assert {row.group for row in spoken} <= typed  # folds keep a line and its spoken forms together
    typed_lines = load_phrasings(TRAIN_FILE)
    assert len(training_phrasings()) == len(typed_lines) + len(spoken) + len(with_objects(typed_lines))


def test_the_plain_voicing_comes_first_and_the_others_add_rate_and_noise():
    plain, *others = VOICINGS
    assert (plain.length_scale, plain.snr_db) == (1.0, None)
    assert all(v.snr_db is not None and v.length_scale != 1.0 for v in others)
