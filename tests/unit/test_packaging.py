"""`pip install .` gives exactly one top-level package, `mailvox`, with its data files and
without the dev tools."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO_ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = out.glob("mailvox-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_installs_one_top_level_package(wheel_names: list[str]) -> None:
    tops = {name.split("/")[0] for name in wheel_names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"mailvox"}


def test_the_wheel_holds_the_agent_services_models_and_their_data(wheel_names: list[str]) -> None:
    assert {
        "mailvox/agent/worker.py",
        "mailvox/agent/mail/mailbox.py",
        "mailvox/agent/conversation/phrasings/train.jsonl",
        "mailvox/services/stt/app.py",
        "mailvox/models/manifest.yaml",
    } <= set(wheel_names)


def test_the_wheel_has_no_dev_servers_benches_or_tests(wheel_names: list[str]) -> None:
    assert not [n for n in wheel_names if any(part in n for part in ("devservers", "bench", "mailvox_dev", "tests/"))]
