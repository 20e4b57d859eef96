"""Synthetic in-car noise, and requests mixed into it at a chosen SNR (issue 21).

All of this noise is synthetic: no in-car recording with a licence that allows shipping it was
found in a PyPI package (2026-05). It is made from the parts a commuter's microphone picks up:
- road and tyre rumble: brown noise below ~300 Hz plus a tyre band around 600-1500 Hz, both
  louder as the car goes faster;
- engine harmonics: a four-cylinder's firing frequency (twice the crankshaft's) and its
  harmonics, following the revs, which follow the speed through the gears;
- wind buffeting: low-frequency gusts (an open window or a roof box), amplitude-modulated at a
  few hertz, and a little broadband hiss;
- a turn-signal click (a tick and a tock at 1.5 Hz) for a few seconds at a time.
The speed wanders between 50 and 120 km/h. Everything comes from a seeded generator, so a
seed always gives the same noise and the test set is a script, not audio in the repository.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

SAMPLE_RATE = 16000


def _lowpass(x: np.ndarray, hz: float, order: int = 4) -> np.ndarray:
    return signal.sosfilt(signal.butter(order, hz, "lowpass", fs=SAMPLE_RATE, output="sos"), x)


def _bandpass(x: np.ndarray, low: float, high: float) -> np.ndarray:
    return signal.sosfilt(signal.butter(2, (low, high), "bandpass", fs=SAMPLE_RATE, output="sos"), x)


def _unit(x: np.ndarray) -> np.ndarray:
    return x / (np.sqrt(np.mean(x**2)) + 1e-12)


def speed_profile(seconds: float, rng: np.random.Generator) -> np.ndarray:
    """km/h per sample: a slow random wander between 50 and 120 (a commute, not a race)."""
    n = int(seconds * SAMPLE_RATE)
    knots = max(2, int(seconds / 4) + 2)  # a new target speed every ~4 s
    targets = rng.uniform(50, 120, knots)
    return np.interp(np.arange(n), np.linspace(0, n, knots), targets)


def road_rumble(speed: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    brown = np.cumsum(rng.standard_normal(speed.size))
    brown = _lowpass(brown - _lowpass(brown, 20, 2), 300)  # no DC drift, rumble only
    tyres = _bandpass(rng.standard_normal(speed.size), 600, 1500)
    loudness = speed / 100.0
    return loudness * _unit(brown) + 0.35 * loudness**2 * _unit(tyres)


def engine(speed: np.ndarray) -> np.ndarray:
    """Firing-frequency harmonics of a four-cylinder engine in the gear that suits the speed."""
    gear_ratios = np.select([speed < 30, speed < 50, speed < 70, speed < 95], [40.0, 60.0, 45.0, 34.0], 28.0)
    rpm = np.clip(speed * gear_ratios, 900, 4500)
    firing_hz = 2 * rpm / 60
    phase = 2 * np.pi * np.cumsum(firing_hz) / SAMPLE_RATE
    sound = sum(np.sin(k * phase) / k**1.2 for k in range(1, 8))
    return _unit(np.asarray(sound)) * (0.6 + rpm / 4500)


def wind_buffeting(speed: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    n = speed.size
    gusts = _lowpass(rng.standard_normal(n), 200)
    flutter = 0.5 + 0.5 * np.sin(
        2 * np.pi * np.cumsum(rng.uniform(1.5, 4.0, n // 4000 + 2).repeat(4000)[:n]) / SAMPLE_RATE
    )
    hiss = _bandpass(rng.standard_normal(n), 2000, 6000)
    loudness = (speed / 100.0) ** 2
    return loudness * (_unit(gusts) * flutter + 0.15 * _unit(hiss))


def turn_signal(seconds: float, rng: np.random.Generator) -> np.ndarray:
    """Relay clicks at 1.5 Hz (tick, then a softer tock 0.1 s later) in bursts of 3 to 6 s."""
    n = int(seconds * SAMPLE_RATE)
    out = np.zeros(n)
    click_n = int(0.012 * SAMPLE_RATE)
    t = np.arange(click_n) / SAMPLE_RATE
    click = np.sin(2 * np.pi * 2800 * t) * np.exp(-t / 0.002) + 0.5 * np.sin(2 * np.pi * 1200 * t) * np.exp(-t / 0.004)
    start = rng.uniform(0.5, 3.0)
    while start < seconds:
        burst = rng.uniform(3.0, 6.0)
        at = start
        while at < min(start + burst, seconds):
            for offset, gain in ((0.0, 1.0), (0.1, 0.6)):
                i = int((at + offset) * SAMPLE_RATE)
                if i + click_n <= n:
                    out[i : i + click_n] += gain * click
            at += 1 / 1.5
        start += burst + rng.uniform(4.0, 12.0)
    return out


def car_noise(seconds: float, seed: int = 0) -> np.ndarray:
    """`seconds` of cabin noise at unit RMS (float64, 16 kHz)."""
    rng = np.random.default_rng(seed)
    speed = speed_profile(seconds, rng)
    noise = (
        1.0 * _unit(road_rumble(speed, rng))
        + 0.5 * engine(speed)
        + 0.6 * _unit(wind_buffeting(speed, rng))
        + 0.8 * turn_signal(seconds, rng)
    )
    return _unit(noise)


def speech_rms(pcm: np.ndarray) -> float:
    """The level of the speech itself: RMS over the 20 ms frames that hold speech (above a
    fortieth of the loudest), so leading and trailing silence do not lower it."""
    frames = pcm[: pcm.size // 320 * 320].astype(np.float64).reshape(-1, 320)
    levels = np.sqrt(np.mean(frames**2, axis=1))
    active = frames[levels > levels.max() / 40]
    return float(np.sqrt(np.mean(active**2)))


def noise_at(level_rms: float, seconds: float, seed: int = 0) -> bytes:
    """Noise alone at an int16 RMS (a noise-only stretch), as 16 kHz mono int16 PCM."""
    return _int16(car_noise(seconds, seed) * level_rms)


def mix(speech: bytes, snr_db: float | None, *, seed: int = 0, lead_s: float = 0.5, tail_s: float = 0.5) -> bytes:
    """Speech (16 kHz mono int16) with car noise at `snr_db` (None: clean), the noise running
    `lead_s` before and `tail_s` after it, as a microphone hears a driver."""
    voice = np.frombuffer(speech, dtype=np.int16).astype(np.float64)
    padded = np.concatenate([np.zeros(int(lead_s * SAMPLE_RATE)), voice, np.zeros(int(tail_s * SAMPLE_RATE))])
    if snr_db is None:
        return _int16(padded)
    level = speech_rms(voice.astype(np.int16)) / 10 ** (snr_db / 20)
    noise = car_noise(padded.size / SAMPLE_RATE + 0.01, seed)[: padded.size]  # whole samples, at least enough
    return _int16(padded + noise * level)


def _int16(x: np.ndarray) -> bytes:
    return np.clip(np.round(x), -32768, 32767).astype(np.int16).tobytes()


def add_echo(mic: np.ndarray, played: np.ndarray, level: float, echo_db: float, round_trip_s: float, rate: int) -> None:
    """Add to `mic` (float samples at `rate`) the agent's voice `played` coming back `round_trip_s`
    late, as loud as a driver speaking at `level` (int16 RMS) less `echo_db`: a speakerphone."""
    late = round(round_trip_s * rate)
    echo = played * (level / 32768) / float(np.sqrt(np.mean(played.astype(np.float64) ** 2)))
    mic[late : late + echo.size] += echo[: max(mic.size - late, 0)] * 10 ** (echo_db / 20)
