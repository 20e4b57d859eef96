"""`mailvox bench inbox` runs and writes its JSON (a reduced run; the README's figures come
from the full one in bench/results/)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_the_inbox_benchmark_writes_its_figures(tmp_path):
    out = tmp_path / "inbox.json"
    subprocess.run(
        [sys.executable, "-m", "mailvox.cli", "bench", "inbox", "--json", str(out), "--sizes", "200", "2000", "--repeats", "2"],
        check=True, capture_output=True, timeout=300,
    )
    result = json.loads(out.read_text())
    assert [r["messages"] for r in result["results"]] == [200, 2000]
    for row in result["results"]:
        assert row["briefed"] == row["unread"] == 50
        assert 0 < row["first_briefing_s"]["median"] < 5
    assert result["machine"]["cores"] >= 1 and result["growth_largest_vs_smallest"] > 0
