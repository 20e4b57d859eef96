"""The synthetic car-noise test set (devtools/mailvox_dev/bench/carnoise.py): repeatable, at the
SNR asked for, and made of the parts a car's microphone hears."""

from __future__ import annotations

import numpy as np
import pytest

from mailvox_dev.bench import carnoise

RATE = carnoise.SAMPLE_RATE


def _tone_speech(seconds: float = 1.5) -> bytes:
    """A voiced stand-in for speech: harmonics of 140 Hz, syllable-modulated."""
    t = np.arange(int(seconds * RATE)) / RATE
    voice = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 10)) * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
    return (voice / np.abs(voice).max() * 8000).astype(np.int16).tobytes()


def test_a_seed_always_gives_the_same_noise_and_another_seed_other_noise():
    assert np.array_equal(carnoise.car_noise(2.0, seed=3), carnoise.car_noise(2.0, seed=3))
    assert not np.allclose(carnoise.car_noise(2.0, seed=3), carnoise.car_noise(2.0, seed=4))


@pytest.mark.parametrize("snr_db", [10, 5, 0])
def test_speech_is_mixed_at_the_snr_asked_for(snr_db):
    speech = _tone_speech()
    mixed = np.frombuffer(carnoise.mix(speech, snr_db, seed=1, lead_s=0.5, tail_s=0.5), np.int16).astype(float)
    clean = np.frombuffer(carnoise.mix(speech, None, lead_s=0.5, tail_s=0.5), np.int16).astype(float)
    noise = mixed - clean
    measured = 20 * np.log10(carnoise.speech_rms(np.frombuffer(speech, np.int16)) / np.sqrt(np.mean(noise**2)))
    assert measured == pytest.approx(snr_db, abs=0.3)
    assert np.sqrt(np.mean(noise[: RATE // 2] ** 2)) > 0  # the noise runs before the driver speaks


def test_road_and_engine_noise_is_mostly_low_frequency():
    noise = carnoise.car_noise(10.0, seed=2)
    power = np.abs(np.fft.rfft(noise)) ** 2
    freqs = np.fft.rfftfreq(noise.size, 1 / RATE)
    assert power[freqs < 500].sum() > 0.6 * power.sum()
    assert power[(freqs > 2000) & (freqs < 6000)].sum() > 0  # wind hiss and the clicks


def test_engine_pitch_rises_with_speed_in_the_same_gear():
    def dominant_hz(kmh: float) -> float:
        sound = carnoise.engine(np.full(RATE, kmh))
        spectrum = np.abs(np.fft.rfft(sound))
        return float(np.fft.rfftfreq(sound.size, 1 / RATE)[np.argmax(spectrum)])

    assert dominant_hz(110) > dominant_hz(96)  # both in top gear


def test_the_turn_signal_clicks_one_and_a_half_times_a_second():
    clicks = carnoise.turn_signal(30.0, np.random.default_rng(5))
    onsets = np.flatnonzero((np.abs(clicks[1:]) > 0.5) & (np.abs(clicks[:-1]) <= 0.5)) / RATE
    ticks = onsets[np.insert(np.diff(onsets) > 0.3, 0, True)]  # the louder tick of each pair
    spacing = np.diff(ticks)
    assert np.median(spacing) == pytest.approx(1 / 1.5, abs=0.02)
