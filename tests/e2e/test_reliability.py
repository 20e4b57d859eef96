"""`mailvox bench reliability` in its reduced form: the spoken scenario with 10% packet loss,
through a 5-second outage, with the agent worker killed mid-call (its whole process group,
SIGKILL) and started again, and with the TTS service killed and started again. Each is a
call of its own through one real stack (livekit-server, Dovecot, the model services, the
worker) with the caller in a network namespace of its own behind the emulated link. The clean
call is left to the other spoken tests. Needs root for the namespace, as CI has. The figures
go to test-artifacts/reliability.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mailvox_dev.bench.reliability import CI_CONDITIONS

ARTIFACT = Path(__file__).resolve().parents[2] / "test-artifacts" / "reliability.json"


@pytest.fixture(scope="module")
def reliability() -> dict:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mailvox.cli",
            "bench",
            "reliability",
            "--json",
            str(ARTIFACT),
            "--conditions",
            *CI_CONDITIONS,
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    rows = {row["condition"]: row for row in json.loads(ARTIFACT.read_text())["network"]}
    assert list(rows) == CI_CONDITIONS
    return rows


@pytest.mark.timeout(900)
@pytest.mark.parametrize("condition", ["loss_10pct", "outage_5s"])
def test_the_call_survives_the_link_and_keeps_its_place(reliability, condition):
    row = reliability[condition]
    assert row["session_survived"], row
    assert row["place_kept"], row["place"]
    assert row["request_wer_vs_spoken"] <= 0.25, row["agent_heard"]
    assert "Robert" in row["place"]["after"]  # the email after Sarah's, repeated
    if condition == "loss_10pct":
        # counted over the whole call, whose greeting is on a clean link: 6.9% and 7.1% seen
        sent = row["udp_datagrams"]["forwarded"] + row["udp_datagrams"]["dropped"]
        assert 0.05 < row["udp_datagrams"]["dropped"] / sent < 0.12, row["udp_datagrams"]
    if condition == "outage_5s":
        assert row["udp_datagrams"]["dropped"] > 100  # the link really was down


@pytest.mark.timeout(900)
def test_a_killed_worker_is_replaced_and_the_caller_hears_their_draft_again(reliability):
    row = reliability["worker_lost"]
    assert row["new_agent_took_over"] and row["session_survived"], row
    assert "lost you" in row["recovery"]["said"], row["recovery"]
    assert row["dictated_reply_kept"], row["recovery"]  # "... I will send the numbers by Thursday ..."
    assert row["drafts_in_folder"] == 1
    assert row["place_kept"] and "Sarah" in row["place"]["after"], row["place"]
    assert row["recovery"]["first_sound_after_fault_s"] < 60


@pytest.mark.timeout(900)
def test_a_tts_crash_costs_one_answer_with_an_apology_and_the_call_goes_on(reliability):
    row = reliability["tts_restart"]
    # the TTS is down: the apology synthesized when the session started is played instead
    assert row["apology_heard"], row["answer_while_down"]
    assert row["session_survived"] and row["place_kept"], row
