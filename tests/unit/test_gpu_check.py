"""`mailvox bench gpu-check`'s parts (devtools/mailvox_dev/bench/gpu_check.py): what the GPU
box lacks travels cut into parts, and comes out byte for byte or not at all."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest

from mailvox_dev import REPO_ROOT
from mailvox_dev.bench import gpu_check
from mailvox_dev.bench.gpu_check import GpuCheckError, join_parts, receive, write_parts

LIMIT = 1000


def _files(tmp_path: Path) -> list[tuple[str, Path]]:
    """Files smaller than, as large as, and several times a part, and an empty one."""
    rng = random.Random(7)
    made = []
    for name, size in [("a.whl", 10), ("models/m/b.bin", 2 * LIMIT + 345), ("c", LIMIT), ("empty", 0), ("d", 999)]:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.randbytes(size))
        made.append((name, path))
    return made


def _packed(tmp_path: Path) -> tuple[list[tuple[str, Path]], dict, Path]:
    files = _files(tmp_path)
    out = tmp_path / "parts"
    return files, write_parts(files, out, LIMIT), out


def test_parts_are_no_larger_than_the_limit_and_join_byte_for_byte(tmp_path: Path) -> None:
    files, manifest, out = _packed(tmp_path)

    sizes = [p["bytes"] for p in manifest["parts"]]
    total = sum(path.stat().st_size for _, path in files)
    assert sizes == [LIMIT] * (total // LIMIT) + [total % LIMIT]
    assert [p["name"] for p in manifest["parts"]] == [f"part-{n:03d}" for n in range(1, len(sizes) + 1)]
    for part in manifest["parts"]:
        assert hashlib.sha256((out / part["name"]).read_bytes()).hexdigest() == part["sha256"]

    join_parts(manifest, out, tmp_path / "joined")
    for name, path in files:
        assert (tmp_path / "joined" / name).read_bytes() == path.read_bytes()


def test_a_corrupt_part_is_named_and_nothing_is_trusted(tmp_path: Path) -> None:
    _, manifest, out = _packed(tmp_path)
    second = out / "part-002"
    second.write_bytes(b"x" + second.read_bytes()[1:])

    with pytest.raises(GpuCheckError, match="part-002 is corrupt"):
        join_parts(manifest, out, tmp_path / "joined")


def test_missing_and_short_parts_are_all_named(tmp_path: Path) -> None:
    _, manifest, out = _packed(tmp_path)
    (out / "part-001").unlink()
    (out / "part-003").write_bytes(b"short")

    with pytest.raises(GpuCheckError) as raised:
        join_parts(manifest, out, tmp_path / "joined")
    assert "part-001 is missing" in str(raised.value)
    assert "part-003 has 5 bytes" in str(raised.value)


def test_a_file_that_comes_out_wrong_is_named(tmp_path: Path) -> None:
    # parts that are right but a manifest whose file checksum is not: a pack that went wrong
    _, manifest, out = _packed(tmp_path)
    manifest["files"][1]["sha256"] = "0" * 64

    with pytest.raises(GpuCheckError, match="models/m/b.bin came out of the parts with the wrong sha256"):
        join_parts(manifest, out, tmp_path / "joined")


def test_receive_keeps_each_carried_part_and_says_what_is_missing(tmp_path: Path) -> None:
    _, manifest, out = _packed(tmp_path)
    (out / "manifest.json").write_text(json.dumps(manifest))
    carried = tmp_path / "carried"
    carried.mkdir()
    (carried / "manifest.json").write_text(json.dumps(manifest))
    staging = tmp_path / "staging"

    for name in ("part-002", "part-001"):  # one a call, in any order
        (carried / name).write_bytes((out / name).read_bytes())
        missing = receive(carried / "manifest.json", staging, log=lambda *_: None)
        (carried / name).unlink()
    assert missing == [p["name"] for p in manifest["parts"]][2:]

    (carried / "part-003").write_bytes(b"garbled in transit")
    with pytest.raises(GpuCheckError, match="part-003 has 18 bytes"):
        receive(carried / "manifest.json", staging, log=lambda *_: None)


def test_the_engine_is_built_with_scripts_setup_sh_flags() -> None:
    setup = (REPO_ROOT / "scripts" / "setup.sh").read_text()
    assert f'no_amx="{gpu_check.NO_AMX}"' in setup
    for flag in gpu_check.ENGINE_FLAGS:
        assert flag.replace(gpu_check.NO_AMX, "$no_amx") in setup


def test_the_llama_cpp_tree_keeps_the_server_and_drops_what_its_build_never_reads() -> None:
    kept = gpu_check.kept_in_tree
    assert (
        kept("tools/server/server.cpp") and kept("ggml/src/ggml-cuda/fattn.cu") and kept("vendor/cpp-httplib/httplib.h")
    )
    assert kept("tools/ui/ui.h.in") and not kept("tools/ui/package-lock.json") and not kept("tools/ui/src/app.html")
    assert not kept("models/ggml-vocab-llama-bpe.gguf") and not kept("ggml/src/ggml-vulkan/ggml-vulkan.cpp")
    assert not kept("tools/server/tests/unit/test_basic.py")


def test_every_wheel_the_box_lacks_is_pinned_in_constraints() -> None:
    pins = gpu_check._pins()
    assert [name for name in gpu_check.BOX_LACKS if name not in pins] == []
    assert "llama-cpp-python" in pins
