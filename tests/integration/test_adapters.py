"""The LiveKit adapters against the real services: audio frames at the service's rate,
transcripts back, and LiveKit's retryable errors when a service is unreachable."""

from __future__ import annotations

import pytest
from livekit import rtc
from livekit.agents import APIConnectionError, APIConnectOptions, APIStatusError

from mailvox.agent.adapters.stt import ServiceSTT
from mailvox.agent.adapters.tts import ServiceTTS
from mailvox.speech import SAMPLE_RATE, synthesize_16k
from mailvox_dev.devservers.process import free_port

NO_RETRY = APIConnectOptions(max_retry=0, timeout=2)


async def test_tts_adapter_takes_the_voices_rate_and_yields_audio_frames(tts_service):
    tts = await ServiceTTS.connect(tts_service.url)
    assert tts.sample_rate == 22050
    frames = [ev.frame async for ev in tts.synthesize("You have five unread messages.")]
    await tts.aclose()
    assert {f.sample_rate for f in frames} == {22050}
    assert sum(f.samples_per_channel for f in frames) / 22050 > 1.0


async def test_stt_adapter_recognizes_an_utterance_and_reports_metrics(stt_service):
    from livekit.agents.metrics import STTMetrics

    stt = ServiceSTT(stt_service.url)
    collected = []
    stt.on("metrics_collected", collected.append)
    # Piper's steady delivery: the same audio every run (with its variation Whisper once heard "Bubb")
    pcm = synthesize_16k("Go back to the Bob email.", steady=True)
    frame = rtc.AudioFrame(pcm, SAMPLE_RATE, 1, len(pcm) // 2)
    event = await stt.recognize([frame])
    await stt.aclose()
    assert "bob" in event.alternatives[0].text.lower()
    [metrics] = collected
    assert isinstance(metrics, STTMetrics) and metrics.duration > 0
    assert abs(metrics.audio_duration - len(pcm) / 2 / SAMPLE_RATE) < 0.05


async def test_adapters_raise_retryable_connection_errors_when_a_service_is_down():
    dead = f"http://127.0.0.1:{free_port()}"
    stt = ServiceSTT(dead)
    frame = rtc.AudioFrame(bytes(3200), SAMPLE_RATE, 1, 1600)
    with pytest.raises(APIConnectionError) as caught:
        await stt.recognize([frame], conn_options=NO_RETRY)
    assert caught.value.retryable
    await stt.aclose()

    tts = ServiceTTS(dead, sample_rate=22050)
    with pytest.raises(APIConnectionError):
        async for _ in tts.synthesize("hello", conn_options=NO_RETRY):
            pass
    await tts.aclose()


async def test_tts_adapter_surfaces_a_refused_request_as_a_status_error(tts_service):
    tts = ServiceTTS(tts_service.url, sample_rate=22050, voice="nobody")
    with pytest.raises(APIStatusError) as caught:
        async for _ in tts.synthesize("hello", conn_options=NO_RETRY):
            pass
    await tts.aclose()
    assert caught.value.status_code == 404 and not caught.value.retryable


async def test_adapters_ride_out_a_service_restart_and_report_metrics(tmp_path):
    """A service that restarts mid-session costs a retry, not the session."""
    import asyncio

    from livekit.agents.metrics import TTSMetrics

    from mailvox_dev.devservers.stack import ModelService

    service = ModelService("tts", tmp_path)
    service.start()
    tts = await ServiceTTS.connect(service.url)
    collected = []
    tts.on("metrics_collected", collected.append)
    try:
        assert [ev async for ev in tts.synthesize("Before the restart.")]
        service.stop()
        restart = asyncio.get_running_loop().run_in_executor(None, service.start)
        # the default connect options retry while the service comes back
        frames = [ev.frame async for ev in tts.synthesize("After the restart.")]
        await restart
        assert sum(f.samples_per_channel for f in frames) > 22050 // 2
    finally:
        await tts.aclose()
        service.stop()
    assert len(collected) == 2 and all(isinstance(m, TTSMetrics) for m in collected)
    assert all(m.ttfb > 0 and m.audio_duration > 0 for m in collected)
