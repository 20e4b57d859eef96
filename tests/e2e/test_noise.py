"""In the car, through livekit-server (issue 21, reduced for CI: one session): a command spoken
over road noise at 5 dB SNR is understood, road noise alone while the agent talks stops it at
most once, and its own voice coming back through a speakerphone at -10 dB is found by the echo
canceller (its round trip estimated from the agent's voice as played and the microphone) and
gated. Barge-ins are counted by the worker itself (mailvox_agent_barge_ins_total). The noise is
synthetic (devtools/mailvox_dev/bench/carnoise.py).

Whether that echo still stopped the agent is printed, not asserted: before the canceller, on
this 2-core machine, a stretch of the greeting louder than the part the gate learned from got
through in 1 of 2 full runs of the suite (Dec 3); a CI run that fails on it lands nothing. No
echo barge-ins at -10 dB is the noise bench's target, measured there."""

from __future__ import annotations

import numpy as np

from mailvox.client import VoiceClient
from mailvox.speech import synthesize_16k
from mailvox_dev.bench import carnoise
from mailvox_dev.bench.noise import CarMicrophone, agent_talks, audible_s, worker_counts

SNR_DB = 5.0


async def test_in_road_noise_a_command_is_understood_noise_seldom_stops_the_agent_and_echo_is_gated(
    agent_worker, livekit_server, livekit_settings
):
    settings = livekit_settings.model_copy(update={"url": livekit_server.url})
    request = synthesize_16k("Read me the email from Sarah.")
    driver = carnoise.speech_rms(np.frombuffer(request, np.int16))
    async with VoiceClient(settings, "demo") as client:
        # A speakerphone from the first word: the greeting comes back at -10 dB (the agent's voice
        # as it arrives, taken as loud as the driver's), over road noise.
        mic = CarMicrophone(client, driver / 10 ** (SNR_DB / 20), agent_to_driver=1.0)
        mic.echo(-10)
        mic.start()
        try:
            before = worker_counts(agent_worker.metrics_port)
            await client.listen(quiet_s=2.0, timeout=180)
            talked_over_echo = audible_s(client)
            after_echo = worker_counts(agent_worker.metrics_port)

            mic.echo(None)  # road noise alone from here
            talked_over_noise = await agent_talks(client, mic, request, quiet_s=5.0)
            heard = " ".join(client.heard_from("demo")).lower()
            said = " ".join(client.agent_said()).lower()
            after_noise = worker_counts(agent_worker.metrics_port)
        finally:
            await mic.stop()

    print(
        f"heard: {heard!r}; agent talked {talked_over_echo:.1f} s over its echo, {talked_over_noise:.1f} s over noise"
    )
    print(f"worker counts: before {before}, after echo {after_echo}, after noise {after_noise}")
    echo_stops = after_echo.get("stopped", 0) - before.get("stopped", 0)
    print(f"its own echo stopped the agent {echo_stops:.0f} times")  # not asserted: see the docstring
    assert after_echo.get("mailvox_agent_echo_gated_seconds_total", 0) > before.get(
        "mailvox_agent_echo_gated_seconds_total", 0
    ), "the echo gate silenced nothing"
    round_trip = after_echo.get("mailvox_agent_echo_round_trip_seconds")
    assert round_trip is not None and 0 < round_trip < 1.5, f"the canceller found no echo of the greeting: {round_trip}"
    assert "sarah" in heard, heard  # the noisy command, transcribed
    assert "sarah" in said, said  # and acted on: the agent read her email
    assert talked_over_noise > 2, "the agent's answer was too short to talk over"
    # At most once: the noise bench's target is none, not met (about one stop a minute at 5 dB
    # there); agent speech stopped over and over by noise, as without the suppression, fails.
    noise_stops = after_noise.get("stopped", 0) - after_echo.get("stopped", 0)
    assert noise_stops <= 1, f"road noise stopped the agent {noise_stops:.0f} times in {talked_over_noise:.1f} s"
