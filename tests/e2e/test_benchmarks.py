"""The benchmark commands run and write their JSON (reduced runs; the README's figures come
from the full one in bench/results/)."""

from __future__ import annotations

import json
import subprocess
import sys

import jiwer
import pytest


def test_the_inbox_benchmark_writes_its_figures(tmp_path):
    out = tmp_path / "inbox.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mailvox.cli",
            "bench",
            "inbox",
            "--json",
            str(out),
            "--sizes",
            "200",
            "2000",
            "--repeats",
            "2",
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = json.loads(out.read_text())
    assert [r["messages"] for r in result["results"]] == [200, 2000]
    for row in result["results"]:
        assert row["briefed"] == row["unread"] == 50
        assert 0 < row["first_briefing_s"]["median"] < 5
    assert result["machine"]["cores"] >= 1 and result["growth_largest_vs_smallest"] > 0


def test_the_stages_benchmark_measures_the_running_services(tmp_path, stt_service, tts_service, llm_service):
    out = tmp_path / "stages.json"
    env = {
        **__import__("os").environ,
        "MAILVOX_AGENT_STT_URL": stt_service.url,
        "MAILVOX_AGENT_TTS_URL": tts_service.url,
        "MAILVOX_AGENT_LLM_URL": f"{llm_service.url}/v1",
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mailvox.cli",
            "bench",
            "stages",
            "--json",
            str(out),
            "--sessions",
            "1",
            "2",
            "--runs",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "starting the" not in run.stdout  # it measured the services it was pointed at
    result = json.loads(out.read_text())
    assert set(result["results_by_concurrent_sessions"]) == {"1", "2"}
    for level in result["results_by_concurrent_sessions"].values():
        assert level["stt_final_after_end_s"]["n"] == 2
        for figure in level.values():
            assert 0 < figure["median"] <= figure["p95"]
    assert result["models"] == {"stt": "whisper-base", "tts": "piper-en_US-joe-medium", "llm": "smollm2-135m-instruct"}


def test_the_e2e_benchmark_times_spoken_turns_through_livekit(tmp_path):
    """A reduced run (one caller, three turns of the script) through its own stack: real
    livekit-server, Dovecot, model services and agent worker."""
    out = tmp_path / "e2e.json"
    run = subprocess.run(
        [sys.executable, "-m", "mailvox.cli", "bench", "e2e", "--json", str(out), "--sessions", "1", "--turns", "3"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    level = json.loads(out.read_text())["results_by_concurrent_sessions"]["1"]
    assert [t["said"] for t in level["turns"]] == [
        "Read me the email from Sarah.",
        "What was the deadline in that?",
        "What does Sarah need from me?",
    ]
    assert level["unanswered"] == 0
    for turn in level["turns"]:
        assert 0.2 < turn["voice_to_voice_s"] < 30, turn  # the answer came after the question
        assert jiwer.wer(turn["said"].lower(), turn["agent_heard"].lower()) <= 0.3, turn
        # The agent's own timing of the turn, and what it leaves to the network and the buffers
        stages = turn["stages_s"]
        assert 0 < stages["end_of_turn"] < stages["agent_first_audio_out"] < turn["voice_to_voice_s"], turn
        assert stages["network_and_playout"] > 0 and stages["tts_first_audio"] > 0, turn
    assert "llm_first_token" in level["stage_medians_s"]["llm"]
    assert level["fast_path_turns"] == {"scripted": 2, "counted_by_agent": 2}
    assert level["agent_stage_means"]["end_of_turn"]["n"] == 3
    assert level["worker"]["rss_peak_mib"] > level["worker"]["rss_idle_mib"] > 0


def test_the_peers_benchmark_sets_the_services_beside_wyoming_and_the_stream_adapter(tmp_path):
    """A reduced run (two lines of the script, once): wyoming-faster-whisper and wyoming-piper
    on the same model files, and LiveKit's StreamAdapter around the same STT service."""
    out = tmp_path / "peers.json"
    run = subprocess.run(
        [sys.executable, "-m", "mailvox.cli", "bench", "peers", "--json", str(out), "--rounds", "1", "--lines", "2"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    comparisons = json.loads(out.read_text())["comparisons"]
    for metric in ("stt_final_after_end_s", "stt_rtf", "tts_first_audio_s", "tts_rtf", "adapter_final_after_speech_s"):
        row = comparisons[metric]
        sides = [value for key, value in row.items() if key != "ratio_peer_over_mailvox"]
        assert len(sides) == 2 and all(0 < side["median"] < 10 for side in sides), (metric, row)
        assert row["ratio_peer_over_mailvox"] > 0
    # both transcribed the same two lines of Piper's speech, nearly word for word
    assert comparisons["stt_word_error_rate"]["mailvox"] <= 0.2
    assert comparisons["stt_word_error_rate"]["wyoming"] <= 0.2


@pytest.mark.timeout(900)  # its own stack, then 24 spoken turns
def test_the_soak_benchmark_samples_every_part_of_the_stack_through_a_long_call(tmp_path):
    """A reduced drive: two passes through the script in one call, sampled every 5 s."""
    from mailvox_dev.bench import soak

    result = soak.run(24, {"stt": "whisper-base"}, sample_every_s=5.0, log=lambda _: None)
    assert result["unanswered"] == 0
    parts = {"livekit_server", "dovecot", "agent_worker", "stt_service", "tts_service", "llm_service"}
    assert set(result["growth_after_warm_up"]) == parts
    assert len(result["samples"]) >= 10
    for name, part in result["growth_after_warm_up"].items():
        assert part["rss_mib_after_warm_up"] > 0 and part["fds_after_warm_up"] > 0, (name, part)
        # one more pass through the script: no leak as large as a session's working set; the
        # LLM's prompt cache is still filling towards its 512 MiB cap this early
        bound = 600 if name == "llm_service" else 150
        assert part["fds_growth"] <= 20 and part["rss_growth_mib"] <= bound, (name, part)
