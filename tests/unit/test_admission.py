"""Admission from measured latency: the worker's load follows its sessions' recent answer
delays, read from the same Prometheus multiprocess files the job processes write."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from mailvox.agent.admission import LatencyHeadroom, over_budget

BUDGET_S = 5.0


def answers_given(metrics_dir: Path, delays: list[float]) -> None:
    """A job process of its own answers with these delays (agent first audio out)."""
    code = textwrap.dedent(
        f"""
        import os
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = {str(metrics_dir)!r}
        from mailvox.agent.metrics import STAGE_SECONDS
        for delay in {delays!r}:
            STAGE_SECONDS.labels("agent_first_audio_out").observe(delay)
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_quick_answers_leave_headroom_and_slow_ones_tell_callers_at_once(tmp_path):
    state = tmp_path / "admission.json"
    headroom = LatencyHeadroom(tmp_path, BUDGET_S, max_sessions=8, full_at=0.99, state_file=state)
    assert headroom.load(sessions=0) == 0.0  # nothing measured: nothing stands in the way
    assert not over_budget(state, 0.99)

    answers_given(tmp_path, [0.8] * 20)
    assert headroom.load(sessions=2) == 0.25  # 2 of 8 sessions outweigh p90 1.0 s of 5 s
    assert not over_budget(state, 0.99)

    answers_given(tmp_path, [8.0] * 20)  # half the answers within the minute took 8 s
    load = headroom.load(sessions=2)
    assert 0.9 < load < 0.99, "latency alone never reports the worker full"
    assert over_budget(state, 0.99), "a caller arriving now hears so at once"


def test_the_load_follows_the_last_minute_not_the_whole_day(tmp_path):
    headroom = LatencyHeadroom(tmp_path, BUDGET_S, max_sessions=8, full_at=0.99, window_s=60)
    assert headroom.recent_p90(now=0.0) is None
    answers_given(tmp_path, [8.0] * 20)
    assert headroom.recent_p90(now=10.0) == 10.0  # its bucket's bound
    answers_given(tmp_path, [0.4] * 50)
    assert headroom.recent_p90(now=30.0) == 10.0  # the slow answers are within the minute
    headroom.recent_p90(now=61.0)
    answers_given(tmp_path, [0.4] * 5)
    assert headroom.recent_p90(now=100.0) == 0.5  # only what came since a minute ago counts


def test_a_stale_or_missing_record_never_turns_a_caller_away(tmp_path):
    record = tmp_path / "admission.json"
    assert not over_budget(record, 0.99)
    record.write_text('{"latency_load": 1.0, "at": 0}')  # from a worker long gone
    assert not over_budget(record, 0.99)
