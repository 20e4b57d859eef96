"""Admission: whether this worker can take another caller, from the latency it measures.

A fixed session count is wrong both ways: on a GPU box it turns callers away while answers are
quick, on two cores it lets the fifth caller in when the fourth already waits ten seconds. So
the worker's load is its latency headroom: the p90 of its sessions' recent answer delays (the
agent's first audio out after the caller stops, every job process's, through the Prometheus
multiprocess files) against a budget. livekit-server sends a new caller to the least loaded
worker, so a worker near its budget is the last choice.

Latency alone never reports the worker full: livekit-server then sends the caller nowhere, and
the caller would wait in silence. Instead a caller who reaches a worker over its budget (no
other worker had headroom) is told so at once, and the call ends, rather than waiting through
slow answers. The main process (which computes the load) leaves its latest figure in a file;
the job process reads it when the call arrives. A session count remains as the ceiling that
reports the worker full (memory).
"""

from __future__ import annotations

import json
import logging
import math
import os
import time
from collections import deque
from pathlib import Path

from prometheus_client import CollectorRegistry, multiprocess

logger = logging.getLogger(__name__)

ANSWER_STAGE = "agent_first_audio_out"
BUSY_MESSAGE = (
    "Sorry, I'm answering too many callers right now to answer you quickly. Please call again in a few minutes."
)


def answer_buckets(metrics_dir: Path) -> dict[float, float]:
    """Cumulative counts of answer delays by bucket bound, over every process's metrics files."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(metrics_dir))
    buckets: dict[float, float] = {}
    for family in registry.collect():
        if family.name != "mailvox_agent_stage_seconds":
            continue
        for sample in family.samples:
            if sample.name.endswith("_bucket") and sample.labels.get("stage") == ANSWER_STAGE:
                bound = float(sample.labels["le"])
                buckets[bound] = buckets.get(bound, 0.0) + sample.value
    return buckets


def p90_of(counts: dict[float, float]) -> float | None:
    """The bucket bound under which 90% of the answers fell (None without answers)."""
    total = counts.get(math.inf, 0.0)
    if total <= 0:
        return None
    for bound in sorted(counts):
        if counts[bound] >= 0.9 * total:
            return bound
    return math.inf


class LatencyHeadroom:
    """The worker's load: its recent answers' p90 over `budget_s`, kept under `full_at` (the
    worker's load threshold); the share of `max_sessions` in use where that is higher."""

    def __init__(
        self,
        metrics_dir: Path,
        budget_s: float,
        max_sessions: int,
        full_at: float,
        window_s: float = 60.0,
        state_file: Path | None = None,
    ) -> None:
        self.metrics_dir = metrics_dir
        self.budget_s = budget_s
        self.max_sessions = max_sessions
        self.full_at = full_at
        self.window_s = window_s
        self.state_file = state_file
        self.snapshots: deque[tuple[float, dict[float, float]]] = deque()

    def recent_p90(self, now: float | None = None) -> float | None:
        """The p90 of the answers given within the window (None if there were none)."""
        now = time.monotonic() if now is None else now
        current = answer_buckets(self.metrics_dir)
        self.snapshots.append((now, current))
        while len(self.snapshots) > 1 and self.snapshots[1][0] <= now - self.window_s:
            self.snapshots.popleft()
        _, oldest = self.snapshots[0]
        return p90_of({bound: count - oldest.get(bound, 0.0) for bound, count in current.items()})

    def load(self, sessions: int) -> float:
        p90 = self.recent_p90()
        by_latency = 0.0 if p90 is None else min(1.0, p90 / self.budget_s)
        if self.state_file is not None:
            self._leave(by_latency, p90, sessions)
        return max(min(by_latency, 0.98 * self.full_at), min(1.0, sessions / self.max_sessions))

    def _leave(self, by_latency: float, p90: float | None, sessions: int) -> None:
        # The latency share alone: a caller is told "busy" for slow answers, never because
        # they are the session that reached the ceiling (livekit-server sends no more then).
        record = {"latency_load": by_latency, "answer_p90_s": p90, "sessions": sessions, "at": time.time()}
        partial = self.state_file.with_suffix(".partial")  # type: ignore[union-attr]
        try:
            partial.write_text(json.dumps(record))
            os.replace(partial, self.state_file)  # type: ignore[arg-type]
        except OSError:
            logger.warning("could not record the worker's load in %s", self.state_file, exc_info=True)


def over_budget(state_file: Path, threshold: float, fresh_s: float = 10.0) -> bool:
    """Whether the worker's recent answers (as recorded at most `fresh_s` ago) used
    `threshold` of the latency budget or more."""
    try:
        record = json.loads(state_file.read_text())
    except (OSError, ValueError):
        return False  # not measured yet: nothing says the caller cannot be served
    return time.time() - float(record.get("at", 0)) <= fresh_s and float(record.get("latency_load", 0)) >= threshold
