"""`mailvox bench gpu-check`: the model services' stage latencies measured on a GPU box that has
no network, reached only by copying the repo (at most 64 MiB a time) and running one command.

- `pack` (here, where PyPI is reachable) writes what the box lacks as numbered parts of at most
  `--limit-mib` beside a manifest (the sha256 of each part and of each file they make up): the
  llama.cpp tree that the pinned llama-cpp-python sdist vendors, trimmed to what llama-server
  needs; the Python 3.12 wheels of the packages the services and `mailvox bench stages` import
  that the box's Python lacks; the cpu profile's models laid out as the services load them.
- `receive` (on the box, one call a part) checks the parts carried beside the manifest and keeps
  them in the staging folder.
- `run` (on the box) checks and joins the parts, installs the wheels into the staging folder,
  builds llama-server for CUDA as scripts/setup.sh does (and the llama.cpp library whose request
  types the LLM front checks against), starts the three services on the GPU and runs
  `mailvox bench stages` at each `--sessions` level. `--cpu` does all of it with the CPU engine
  and settings, to try the whole path on a machine without a GPU. `--build-only` stops after the
  builds, so that the build and the measurement can be two calls of the box's 10 minutes each.

Only the standard library is imported at the top: `receive` and `run` start on the box before
the wheels are installed.

    PYTHONPATH=devtools python3 -m mailvox_dev.bench.gpu_check {pack,receive,run} --json FILE
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import importlib
import json
import os
import re
import shutil
import site
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from mailvox_dev import REPO_ROOT

from .machine import describe

MiB = 1 << 20
TRAVEL_LIMIT = 64 * MiB  # what one device call carries: the working tree and the carried paths
STAGING = Path("/var/tmp/mailvox-gpu-check")  # kept on the box between calls while it stays warm
CHUNK = MiB

# What the services, `mailvox bench stages` and the LLM front's request types import that the
# box's Python lacks (/work/.library/device/KINDS.md, "Python packages already there",
# 2026-11-17), at constraints.txt's versions. typing-extensions and protobuf are there, but
# pydantic and livekit's generated code want versions at least as new as ours.
BOX_LACKS = (
    *("ctranslate2", "faster-whisper", "av"),  # STT (faster-whisper imports av at the top)
    *("piper-tts", "pathvalidate"),  # TTS
    *("fastapi", "opentelemetry-api", "starlette", "uvicorn", "websockets", "python-multipart"),  # HTTP
    # (fastapi 0.165 imports opentelemetry at the top)
    *("pydantic", "pydantic-core", "pydantic-settings", "python-dotenv", "annotated-types", "typing-inspection"),
    *("typing-extensions", "protobuf"),
    "diskcache",  # llama_cpp, imported for llama_cpp.server.types
    *("jiwer", "rapidfuzz", "livekit"),  # stages: word error rate; mailvox.speech resamples with livekit.rtc
)
# The box's onnxruntime is the CPU build: Piper on CUDA needs this one, built for CUDA 13, whose
# CUDA libraries (cuBLAS, cuRAND, cuDNN...) the box has as pip packages. Not in constraints.txt.
ONNXRUNTIME_GPU = "onnxruntime-gpu==1.31.1"
PLATFORMS = [f"manylinux_2_{n}_x86_64" for n in (35, 34, 31, 28, 27, 24, 17)] + ["manylinux2014_x86_64"]

# Left out of the llama.cpp tree: nothing llama-server's configure and build read (tests,
# examples and the web UI are off; the other GPU backends are added only when enabled).
TRIMMED = (
    *(".github", ".devops", "benches", "ci", "conversion", "docs", "examples", "gguf-py", "grammars"),
    *("media", "models", "pocs", "requirements", "skills", "tests", "tools/server/tests"),
    *(f"ggml/src/ggml-{b}" for b in ("blas", "cann", "et", "hexagon", "hip", "metal", "musa", "opencl")),
    *(f"ggml/src/ggml-{b}" for b in ("openvino", "rpc", "sycl", "virtgpu", "vulkan", "webgpu", "zdnn", "zendnn")),
)
# The server adds the UI's folder, which makes a UI-less ui.cpp from these; the UI stays out.
KEPT = tuple(f"tools/ui/{name}" for name in ("CMakeLists.txt", "sources.cmake", "ui.cpp.in", "ui.h.in"))

# llama-server as scripts/setup.sh builds it ("The LLM engine"); tests/unit/test_gpu_check.py
# keeps the two in step.
NO_AMX = "-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
ENGINE_FLAGS = [
    *("-DCMAKE_BUILD_TYPE=Release", "-DBUILD_SHARED_LIBS=OFF", "-DLLAMA_BUILD_TESTS=OFF"),
    *("-DLLAMA_BUILD_EXAMPLES=OFF", "-DLLAMA_BUILD_UI=OFF", "-DLLAMA_USE_PREBUILT_UI=OFF", "-DLLAMA_OPENSSL=OFF"),
    *(f"-DCMAKE_C_FLAGS={NO_AMX}", f"-DCMAKE_CXX_FLAGS={NO_AMX}"),
]
CUDA_FLAGS = ["-DGGML_CUDA=ON", "-DCMAKE_CUDA_ARCHITECTURES=90"]  # the H100
# The llama.cpp library the llama_cpp package loads (the LLM front imports its request types;
# no model runs through it): shared, CPU only, the library alone.
BINDINGS_FLAGS = [
    *("-DCMAKE_BUILD_TYPE=Release", "-DBUILD_SHARED_LIBS=ON", "-DLLAMA_BUILD_COMMON=OFF", "-DLLAMA_BUILD_TESTS=OFF"),
    *("-DLLAMA_BUILD_TOOLS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF", "-DLLAMA_BUILD_SERVER=OFF", "-DLLAMA_BUILD_APP=OFF"),
    "-DLLAMA_OPENSSL=OFF",
    *(f"-DCMAKE_C_FLAGS={NO_AMX}", f"-DCMAKE_CXX_FLAGS={NO_AMX}"),
]

# The services' settings on the GPU, as the README's "Model services and adapters" gives them,
# and on the CPU, as `mailvox bench stages` measured them (bench/results/stages-cpu.json).
GPU_SETTINGS = {
    "stt": {
        "MAILVOX_STT_DEVICE": "cuda",
        "MAILVOX_STT_COMPUTE_TYPE": "float16",
        "MAILVOX_STT_MAX_CONCURRENCY": "4",
        "MAILVOX_STT_BATCH_SIZE": "8",
    },
    "tts": {"MAILVOX_TTS_DEVICE": "cuda"},
    "llm": {"MAILVOX_LLM_N_GPU_LAYERS": "-1"},
}
CPU_SETTINGS: dict[str, dict[str, str]] = {"stt": {}, "tts": {}, "llm": {}}
# ctranslate2's wheel is built for CUDA 12 and loads libcublas.so.12 by that name, for nine
# functions (cublasCreate_v2, cublasGemmEx, cublasGemmStridedBatchedEx, ...; its strings, 4.8.5)
# that CUDA 13's cuBLAS should still have. A box with CUDA 13 alone gets its libcublas.so.13
# under that name (CUDA 12's cuBLAS would be 10 parts more), not yet tried on a GPU: the STT's
# transcript of the test sentence is checked before anything is timed.
CUBLAS_12 = "libcublas.so.12"
MAX_TRANSCRIPT_WER = 0.25


class GpuCheckError(RuntimeError):
    """A part is missing or corrupt, a build or a service failed: the message says which."""


# --- parts ------------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _stream(files: list[tuple[str, Path]]) -> Iterator[bytes]:
    for _, path in files:
        with path.open("rb") as f:
            yield from iter(lambda: f.read(CHUNK), b"")


def write_parts(files: list[tuple[str, Path]], out: Path, limit: int) -> dict[str, Any]:
    """Cut the files, one after another, into out/part-001... of at most `limit` bytes each;
    returns the manifest's "files" and "parts" (name, bytes, sha256 of each)."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("part-*"):
        stale.unlink()
    listed = [{"path": name, "bytes": path.stat().st_size, "sha256": sha256_of(path)} for name, path in files]
    parts: list[dict[str, Any]] = []
    current: BinaryIO | None = None
    written, digest = 0, hashlib.sha256()

    def close() -> None:
        if current is not None:
            current.close()
            parts.append({"name": Path(current.name).name, "bytes": written, "sha256": digest.hexdigest()})

    try:
        for block in _stream(files):
            while block:
                if current is None or written == limit:
                    close()
                    current, written, digest = (out / f"part-{len(parts) + 1:03d}").open("wb"), 0, hashlib.sha256()
                piece, block = block[: limit - written], block[limit - written :]
                current.write(piece)
                digest.update(piece)
                written += len(piece)
        close()
        current = None
    finally:
        if current is not None:
            current.close()
    return {"files": listed, "parts": parts}


def part_problems(manifest: dict[str, Any], parts_dir: Path) -> list[str]:
    """What is wrong with the parts in parts_dir: each missing, short or corrupt one, in order."""
    problems = []
    for part in manifest["parts"]:
        path = parts_dir / part["name"]
        if not path.is_file():
            problems.append(f"{part['name']} is missing from {parts_dir}")
        elif path.stat().st_size != part["bytes"]:
            problems.append(f"{part['name']} has {path.stat().st_size} bytes, the manifest {part['bytes']}")
        elif sha256_of(path) != part["sha256"]:
            problems.append(f"{part['name']} is corrupt: its sha256 is not the manifest's")
    return problems


def join_parts(manifest: dict[str, Any], parts_dir: Path, into: Path) -> None:
    """Make the manifest's files again under `into` from the parts, each checked by sha256;
    raises GpuCheckError naming every missing or corrupt part, or a file that came out wrong."""
    if problems := part_problems(manifest, parts_dir):
        raise GpuCheckError("the parts are not all here: " + "; ".join(problems))
    paths = [parts_dir / part["name"] for part in manifest["parts"]]
    blocks = _stream([(p.name, p) for p in paths])
    pending = b""
    for entry in manifest["files"]:
        target = into / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        left, digest = entry["bytes"], hashlib.sha256()
        with target.open("wb") as out:
            while left:
                if not pending:
                    pending = next(blocks, b"")
                    if not pending:
                        raise GpuCheckError(f"the parts end before {entry['path']} does")
                piece, pending = pending[:left], pending[left:]
                out.write(piece)
                digest.update(piece)
                left -= len(piece)
        if digest.hexdigest() != entry["sha256"]:
            raise GpuCheckError(f"{entry['path']} came out of the parts with the wrong sha256")


# --- pack (here) ------------------------------------------------------------------------------


def _pins() -> dict[str, str]:
    """constraints.txt's pins by normalized name: {'faster-whisper': 'faster-whisper==1.2.1'}."""
    pins = {}
    for line in (REPO_ROOT / "constraints.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name = line.split("==")[0].strip()
            pins[re.sub(r"[-_.]+", "-", name).lower()] = line.strip()
    return pins


def _download_wheels(pins: list[str], into: Path, python: str) -> list[Path]:
    platforms = [arg for p in PLATFORMS for arg in ("--platform", p)]
    command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:"]
    command += ["--python-version", python, "--implementation", "cp", *platforms, "-d", str(into), *pins]
    subprocess.run(command, check=True)
    return sorted(into.glob("*.whl"))


def _llama_cpp_sdist(version: str, tmp: Path) -> Path:
    """The unpacked sdist: scripts/setup.sh's copy, else downloaded as setup.sh does."""
    from mailvox.settings import mailvox_home

    cached = mailvox_home() / "src" / f"llama-cpp-python-{version}"
    if (cached / "vendor/llama.cpp/tools/server/main.cpp").is_file():
        return cached
    command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:"]
    subprocess.run([*command, "-d", str(tmp), f"llama-cpp-python=={version}"], check=True)
    with tarfile.open(tmp / f"llama_cpp_python-{version}.tar.gz") as sdist:
        sdist.extractall(tmp, filter="data")
    return tmp / f"llama_cpp_python-{version}"


def kept_in_tree(relative: str) -> bool:
    """Whether a file of the vendored llama.cpp tree goes into the pack."""
    if relative in KEPT:
        return True
    return not any(relative == t or relative.startswith(t + "/") for t in (*TRIMMED, "tools/ui"))


def _trimmed_sources(sdist: Path, target: Path) -> None:
    """llama.cpp (as llama.cpp/) and the llama_cpp Python package, xz-compressed."""
    tree = sdist / "vendor" / "llama.cpp"
    with tarfile.open(target, "w:xz") as tar:
        for path in sorted(tree.rglob("*")):
            relative = path.relative_to(tree).as_posix()
            if path.is_file() and kept_in_tree(relative):
                tar.add(path, f"llama.cpp/{relative}", recursive=False)
        tar.add(sdist / "llama_cpp", "llama_cpp", filter=lambda m: None if "__pycache__" in m.name else m)
        tar.add(sdist / "LICENSE.md", "llama_cpp/LICENSE.md")


def _travel_size() -> int:
    """The bytes of the working tree that every device call carries (tracked, and untracked
    but not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    return sum(
        os.lstat(REPO_ROOT / os.fsdecode(n)).st_size
        for n in listed
        if n and os.path.lexists(REPO_ROOT / os.fsdecode(n))
    )


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (" with uncommitted changes" if git("status", "--porcelain") else "")


def box_commands(manifest_path: Path, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The device calls, in order: what each carries and its command (from the repo's root)."""
    folder = _repo_relative(manifest_path.parent)
    manifest_rel = f"{folder}/{manifest_path.name}"
    module = "PYTHONPATH=devtools python3 -m mailvox_dev.bench.gpu_check"
    receive = f"{module} receive --json {manifest_rel}"
    calls: list[dict[str, Any]] = [
        {"carry": [manifest_rel, f"{folder}/{part['name']}"], "command": receive} for part in manifest["parts"]
    ]
    calls[-1]["command"] += f" && {module} run --build-only --json $OUT/gpu-check-build.json"
    calls.append({"carry": [manifest_rel], "command": f"{module} run --json $OUT/gpu-check.json"})
    return calls


def _repo_relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)  # a folder outside the repo: copy it into an ignored one (.gpu-check/) to carry it


def pack(manifest_path: Path, limit: int, python: str = "3.12", tts_on_cpu: bool = False, log=print) -> dict[str, Any]:
    """Gather the sources, wheels and models into parts beside `manifest_path` and write it."""
    from mailvox.models import catalog

    folder = manifest_path.parent.resolve()
    if (
        folder.is_relative_to(REPO_ROOT)
        and subprocess.run(["git", "check-ignore", "-q", str(folder)], cwd=REPO_ROOT).returncode
    ):
        raise GpuCheckError(f"{folder} is not ignored by git: every device call would carry all its parts")
    travel = _travel_size()
    if travel + limit + 64 * 1024 > TRAVEL_LIMIT:
        raise GpuCheckError(
            f"the repo's working tree ({travel / MiB:.1f} MiB) and a part of {limit / MiB:.0f} MiB would be over the "
            f"{TRAVEL_LIMIT // MiB} MiB a device call carries: use --limit-mib {int((TRAVEL_LIMIT - travel) / MiB) - 1}"
        )
    pins = _pins()
    version = pins["llama-cpp-python"].split("==")[1]
    with tempfile.TemporaryDirectory(prefix="mailvox-gpu-pack-") as temporary:
        tmp = Path(temporary)
        log(f"==> llama.cpp from llama-cpp-python {version}'s sdist, trimmed to llama-server")
        sources = tmp / f"llama-cpp-python-{version}.tar.xz"
        _trimmed_sources(_llama_cpp_sdist(version, tmp), sources)
        files = [(sources.name, sources)]
        wanted = [pins[name] for name in BOX_LACKS] + ([] if tts_on_cpu else [ONNXRUNTIME_GPU])
        log(f"==> {len(wanted)} wheels for Python {python}: {' '.join(wanted)}")
        wheels = _download_wheels(wanted, tmp / "wheels", python)
        files += [(f"wheels/{w.name}", w) for w in wheels]
        models = {}
        for model in catalog.profile_models("cpu"):
            log(f"==> model {model.name}")
            catalog.prepare(model, log=log)
            models[model.role] = model.name
            files += [(f"models/{model.name}/{f.path}", model.file(f.path)) for f in model.files]
        log(f"==> parts of at most {limit / MiB:.0f} MiB in {manifest_path.parent}")
        manifest = {
            "benchmark": "gpu-check",
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "commit": _commit(),
            "llama_cpp_python": version,
            "python": python,
            "models": models,
            "tts_on_cpu": tts_on_cpu,
            "limit_bytes": limit,
            **write_parts(files, manifest_path.parent, limit),
        }
    manifest["box_calls"] = box_commands(manifest_path, manifest)
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    log(f"{len(manifest['parts'])} parts, {sum(p['bytes'] for p in manifest['parts']) / MiB:.1f} MiB in all")
    log(f"the repo's working tree is {travel / MiB:.1f} MiB, so each call carries at most {(travel + limit) / MiB:.1f}")
    log("On the box, one device call each, each within 30 s of the last (the box keeps /var/tmp only while warm):")
    for n, call in enumerate(manifest["box_calls"], 1):
        log(f"  {n:2}. carry {json.dumps(call['carry'])}\n      {call['command']}")
    return manifest


# --- receive (on the box) ---------------------------------------------------------------------


def receive(manifest_path: Path, staging: Path, log=print) -> list[str]:
    """Keep the parts carried beside the manifest in the staging folder, each checked; returns
    the names still missing. A manifest of another pack starts the staging folder afresh."""
    manifest = json.loads(manifest_path.read_text())
    kept = staging / "manifest.json"
    if kept.is_file() and json.loads(kept.read_text())["parts"] != manifest["parts"]:
        log(f"a new pack: emptying {staging}")
        shutil.rmtree(staging)
    (staging / "parts").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(manifest_path, kept)
    for part in manifest["parts"]:
        carried = manifest_path.parent / part["name"]
        if not carried.is_file():
            continue
        if problems := part_problems({"parts": [part]}, manifest_path.parent):
            raise GpuCheckError(f"{problems[0]} (carry it again)")
        partial = staging / "parts" / (part["name"] + ".partial")
        shutil.copyfile(carried, partial)
        partial.replace(staging / "parts" / part["name"])
        log(f"received {part['name']} ({part['bytes'] / MiB:.1f} MiB)")
    missing = [p["name"] for p in manifest["parts"] if not (staging / "parts" / p["name"]).is_file()]
    log(
        f"{len(manifest['parts']) - len(missing)} of {len(manifest['parts'])} parts in {staging}; missing: {missing or 'none'}"
    )
    return missing


# --- run (on the box) -------------------------------------------------------------------------


class Run:
    """One `run`: its phases timed, and everything it learns kept for the JSON."""

    def __init__(self, staging: Path, cpu: bool, log: Callable[..., None]) -> None:
        self.staging, self.cpu, self.log = staging, cpu, log
        self.mode = "cpu" if cpu else "cuda"
        self.files, self.site, self.logs = staging / "files", staging / "site", staging / "logs"
        self.result: dict[str, Any] = {"benchmark": "gpu-check", "mode": self.mode, "phases_s": {}}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        self.log(f"==> {name}")
        started = time.perf_counter()
        try:
            yield
        finally:
            self.result["phases_s"][name] = round(time.perf_counter() - started, 1)

    def done(self, name: str, key: str) -> dict[str, Any] | None:
        """What an earlier call recorded of a step done with the same key, or None."""
        stamp = self.staging / f".done-{name}.json"
        recorded = json.loads(stamp.read_text()) if stamp.is_file() else {}
        return recorded if recorded.get("key") == key else None

    def mark(self, name: str, key: str, **what: Any) -> None:
        (self.staging / f".done-{name}.json").write_text(json.dumps({"key": key, **what}))


def _run_logged(command: list[str], log_path: Path) -> None:
    with log_path.open("ab") as log:
        log.write(f"$ {' '.join(command)}\n".encode())
        log.flush()
        if subprocess.run(command, stdout=log, stderr=subprocess.STDOUT).returncode:
            raise GpuCheckError(f"{command[0]} failed; the end of {log_path}:\n{_tail(log_path)}")


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def _version(command: list[str], env: dict[str, str] | None = None) -> str:
    """What a tool says of itself, on one line."""
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({exc})"
    return " | ".join(line.strip() for line in (out.stdout + out.stderr).splitlines() if line.strip())[:600]


def _cmake_build(run: Run, name: str, flags: list[str], target: str) -> Path:
    """Configure and build one target from the unpacked llama.cpp tree; returns the bin folder.
    Skipped when the same flags were built before (an interrupted build resumes where it was)."""
    build = run.staging / "build" / name
    key = json.dumps([flags, target])
    built = run.done(name, key)
    if built is None:
        started = time.perf_counter()
        log_path = run.logs / f"build-{name}.log"
        _run_logged(["cmake", "-S", str(run.staging / "src" / "llama.cpp"), "-B", str(build), *flags], log_path)
        _run_logged(["cmake", "--build", str(build), "--target", target, "-j", str(os.cpu_count() or 1)], log_path)
        built = {"seconds": round(time.perf_counter() - started, 1), "jobs": os.cpu_count()}
        run.mark(name, key, **built)
        built["this_call"] = True
    built.pop("key", None)
    run.result.setdefault("built", {})[name] = {"target": target, "cmake_flags": flags, **built}
    return build / "bin"


def _prepare(run: Run, manifest: dict[str, Any]) -> Path:
    """Join the parts, install the wheels and build the two llama.cpp targets; returns llama-server."""
    key = hashlib.sha256(json.dumps(manifest["parts"]).encode()).hexdigest()
    with run.phase("check and join the parts"):
        if run.done("join", key) is None:
            join_parts(manifest, run.staging / "parts", run.files)
            run.mark("join", key)
    with run.phase("install the wheels"):
        if run.done("install", key) is None:
            shutil.rmtree(run.site, ignore_errors=True)
            wheels = sorted(str(p) for p in (run.files / "wheels").glob("*.whl"))
            pip = [sys.executable, "-m", "pip", "install", "-q", "--no-index", "--no-deps", "--no-compile"]
            _run_logged([*pip, "--no-cache-dir", "--target", str(run.site), *wheels], run.logs / "install.log")
            with tarfile.open(run.files / f"llama-cpp-python-{manifest['llama_cpp_python']}.tar.xz") as tar:
                shutil.rmtree(run.staging / "src", ignore_errors=True)
                tar.extractall(run.staging / "src", filter="data")
            shutil.copytree(run.staging / "src" / "llama_cpp", run.site / "llama_cpp")
            run.mark("install", key)
    run.result["wheels"] = sorted(p.name for p in (run.files / "wheels").glob("*.whl"))
    with run.phase("build the llama.cpp library for the LLM front's request types"):
        bindings = _cmake_build(run, "bindings", BINDINGS_FLAGS, "llama")
        lib = run.site / "llama_cpp" / "lib"  # where the llama_cpp package looks, as its wheel lays it out
        shutil.rmtree(lib, ignore_errors=True)
        lib.mkdir()
        for so in bindings.glob("lib*.so*"):
            shutil.copy2(so, lib / so.name, follow_symlinks=False)
    flags = ENGINE_FLAGS if run.cpu else [*ENGINE_FLAGS, *CUDA_FLAGS, *_nvcc_flag()]
    with run.phase(f"build llama-server ({run.mode})"):
        engine = _cmake_build(run, f"engine-{run.mode}", flags, "llama-server") / "llama-server"
    libraries = os.pathsep.join(str(d) for d in ([] if run.cpu else _cuda_library_dirs()))
    env = {**os.environ, "LD_LIBRARY_PATH": libraries} if libraries else None
    run.result["built"][f"engine-{run.mode}"]["version"] = _version([str(engine), "--version"], env)
    return engine


def _nvcc_flag() -> list[str]:
    if shutil.which("nvcc"):
        return []
    for nvcc in (Path("/usr/local/cuda/bin/nvcc"), *sorted(Path("/usr/local").glob("cuda-*/bin/nvcc"))):
        if nvcc.is_file():
            return [f"-DCMAKE_CUDA_COMPILER={nvcc}"]
    raise GpuCheckError("no nvcc: neither on PATH nor in /usr/local/cuda*/bin")


def _cuda_library_dirs() -> list[Path]:
    """The folders of the CUDA libraries this Python's pip packages bring (nvidia/...), then the
    toolkit's: onnxruntime-gpu's CUDA provider finds cuBLAS, cuRAND and cudart there."""
    dirs = []
    for packages in site.getsitepackages():
        dirs += sorted({so.parent for so in Path(packages).glob("nvidia/**/lib*.so*")})
    return dirs + [d for d in (Path("/usr/local/cuda/lib64"),) if d.is_dir()]


def _python(env: dict[str, str], code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`code` run by the services' Python, in their environment."""
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, cwd=REPO_ROOT)


# Where each package the services need comes from, and what the engines see. A session on the
# voice's own model with Piper's CUDA provider: onnxruntime lists the provider whenever it is
# compiled in, and falls back to the CPU with only a warning when its libraries do not load.
PROBE = """
import importlib, json, sys
names = ("ctranslate2", "faster_whisper", "piper", "onnxruntime", "fastapi", "pydantic", "llama_cpp", "livekit.rtc")
found = {n: importlib.import_module(n).__file__ for n in names}
import ctranslate2, onnxruntime
seen = {"imported_from": found, "ctranslate2": ctranslate2.__version__,
        "ctranslate2_cuda_devices": ctranslate2.get_cuda_device_count(), "onnxruntime": onnxruntime.__version__}
if len(sys.argv) > 1:
    session = onnxruntime.InferenceSession(sys.argv[1], providers=[("CUDAExecutionProvider", {})])
    seen["onnxruntime_session_providers"] = session.get_providers()
print(json.dumps(seen))
"""
LOADS_CUBLAS_12 = f"import ctypes; ctypes.CDLL({CUBLAS_12!r})"


def _service_environment(run: Run, manifest: dict[str, Any]) -> dict[str, str]:
    """What the services and this process need: the installed wheels first on the path, the
    joined models as $MAILVOX_HOME/models, and on the GPU the CUDA libraries' folders."""
    env = dict(os.environ)
    paths = [run.site, REPO_ROOT, REPO_ROOT / "devtools"]
    env["PYTHONPATH"] = os.pathsep.join([*map(str, paths), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["MAILVOX_HOME"] = str(run.files)
    env["HF_HUB_OFFLINE"] = "1"
    checks = run.result.setdefault("checks", {})
    voice = None
    if not run.cpu:
        dirs = _cuda_library_dirs()
        env["LD_LIBRARY_PATH"] = os.pathsep.join([*map(str, dirs), env.get("LD_LIBRARY_PATH", "")]).rstrip(os.pathsep)
        checks["cuda_library_dirs"] = [str(d) for d in dirs]
        if _python(env, LOADS_CUBLAS_12).returncode == 0:
            checks["stt_cublas"] = f"{CUBLAS_12} found"
        else:
            found = [d / "libcublas.so.13" for d in dirs if (d / "libcublas.so.13").is_file()]
            if not found:
                raise GpuCheckError(f"ctranslate2 needs {CUBLAS_12} or CUDA 13's libcublas.so.13: neither found")
            shim = run.staging / "cublas12"
            shim.mkdir(exist_ok=True)
            (shim / CUBLAS_12).unlink(missing_ok=True)
            (shim / CUBLAS_12).symlink_to(found[0])
            env["LD_LIBRARY_PATH"] = f"{shim}{os.pathsep}{env['LD_LIBRARY_PATH']}"
            checks["stt_cublas"] = f"{found[0]} loaded as {CUBLAS_12} (ctranslate2's wheel is built for CUDA 12)"
        if not manifest["tts_on_cpu"]:
            tts = manifest["models"]["tts"]
            voice = next(
                f["path"]
                for f in manifest["files"]
                if f["path"].startswith(f"models/{tts}/") and f["path"].endswith(".onnx")
            )
    probe = _python(env, PROBE, *([str(run.files / voice)] if voice else []))
    if probe.returncode:
        raise GpuCheckError(f"the services' Python could not import what they need: {probe.stderr.strip()[-2000:]}")
    checks.update(json.loads(probe.stdout.strip().splitlines()[-1]))
    if not run.cpu and checks["ctranslate2_cuda_devices"] < 1:
        raise GpuCheckError("ctranslate2 sees no CUDA device")
    if voice and "CUDAExecutionProvider" not in checks["onnxruntime_session_providers"]:
        raise GpuCheckError(f"onnxruntime could not start its CUDA provider: {probe.stderr.strip()[-2000:]}")
    return env


def _gpu() -> dict[str, str]:
    query = ["nvidia-smi", "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader"]
    return {"nvidia_smi": _version(query), "nvcc": _version(["nvcc", "--version"])}


def _gpu_processes() -> str:
    query = ["nvidia-smi", "--query-compute-apps=pid,process_name,used_memory", "--format=csv,noheader"]
    try:
        return subprocess.run(query, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({exc})"


def run(
    staging: Path,
    json_path: Path,
    sessions: list[int],
    runs: int,
    *,
    cpu: bool = False,
    build_only: bool = False,
    overrides: dict[str, str] | None = None,
    log=print,
) -> dict[str, Any]:
    """Join, install, build and (unless build_only) measure. Writes the JSON also when a step
    fails, with "error" and the logs' tails, and then raises (GpuCheckError for what it checks)."""
    the_run = Run(staging, cpu, log)
    the_run.logs.mkdir(parents=True, exist_ok=True)
    result = the_run.result
    result["machine"] = {**describe(), "cmake": _version(["cmake", "--version"]), **({} if cpu else _gpu())}
    services: list[Any] = []
    try:
        manifest_path = staging / "manifest.json"
        if not manifest_path.is_file():
            raise GpuCheckError(f"no manifest in {staging}: receive the parts first")
        manifest = json.loads(manifest_path.read_text())
        result["packed"] = {k: manifest[k] for k in ("created", "commit", "llama_cpp_python", "models", "tts_on_cpu")}
        result["packed"]["parts"] = len(manifest["parts"])
        engine = _prepare(the_run, manifest)
        if build_only:
            return result
        # ModelService starts each service with this process's environment. This process, too,
        # imports from the wheels: the bench's jiwer, and Piper for the test sentence.
        os.environ.update(_service_environment(the_run, manifest))
        sys.path[:0] = [str(the_run.site), str(REPO_ROOT)]
        importlib.invalidate_caches()
        from mailvox_dev.bench import stages
        from mailvox_dev.devservers.stack import ModelService

        settings = {name: dict(values) for name, values in (CPU_SETTINGS if cpu else GPU_SETTINGS).items()}
        if manifest["tts_on_cpu"]:
            settings["tts"] = {}
        settings["llm"]["MAILVOX_LLM_ENGINE_BINARY"] = str(engine)
        for key, value in (overrides or {}).items():
            if not re.fullmatch(r"MAILVOX_(STT|TTS|LLM)_\w+", key):
                raise GpuCheckError(
                    f"--set {key}: a service setting is MAILVOX_STT_..., MAILVOX_TTS_... or MAILVOX_LLM_..."
                )
            settings[key.split("_")[1].lower()][key] = value
        result["service_settings"] = settings
        with the_run.phase("start the services"):
            for name in ("stt", "tts", "llm"):
                service = ModelService(name, the_run.logs, env=settings[name])
                services.append(service)
                service.start(timeout=600)
        urls = {s.name: s.url for s in services}
        with the_run.phase("check what the services say"):
            result["checks"].update(asyncio.run(_sanity(urls, stages)))
            if not cpu:
                result["checks"]["gpu_processes"] = _gpu_processes()
                result["checks"]["service_pids"] = {s.name: s.process.pid for s in services}
        with the_run.phase("stages"):
            stages_result = stages.run(urls, sessions, runs, manifest["models"], log=log)
        stages_result.pop("machine", None)  # the machine is described above, GPU included
        result["stages"] = stages_result
        return result
    except Exception as exc:
        result["error"] = f"{type(exc).__name__}: {exc}"
        result["logs"] = {p.name: _tail(p) for p in sorted(the_run.logs.glob("*.log"))}
        raise
    finally:
        for service in reversed(services):
            service.stop()
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(result, indent=2) + "\n")
        log(f"wrote {json_path}")


async def _sanity(urls: dict[str, str], stages: Any) -> dict[str, Any]:
    """The test sentence through the STT (a wrong transcript stops the run: nothing is timed on
    a broken engine), and the LLM's first words."""
    import httpx

    from mailvox.speech import synthesize_16k

    async with httpx.AsyncClient(timeout=300) as client:
        heard, _ = await stages.stt_transcription(client, urls["stt"], synthesize_16k(stages.UTTERANCE))
        wer = stages._word_error_rate([stages.UTTERANCE], [heard])
        if wer > MAX_TRANSCRIPT_WER:
            raise GpuCheckError(f"the STT heard {heard!r} for {stages.UTTERANCE!r} (word error rate {wer})")
        body = {"model": "mailvox-llm", "messages": [{"role": "user", "content": "Say hello."}], "max_tokens": 8}
        answer = (await client.post(f"{urls['llm']}/v1/chat/completions", json=body)).raise_for_status().json()
    return {"stt_heard": heard, "stt_word_error_rate": wer, "llm_said": answer["choices"][0]["message"]["content"]}


# --- command line -----------------------------------------------------------------------------


def add_arguments(p: argparse.ArgumentParser) -> None:
    """gpu-check's own arguments (`mailvox bench` has --json, --sessions and --runs already)."""
    p.add_argument(
        "step",
        nargs="?",
        choices=["pack", "receive", "run"],
        help="gpu-check: pack the parts here (--json: the manifest, parts beside it); receive the parts "
        "carried beside --json on the box; run there (--json: the results)",
    )
    p.add_argument("--staging", type=Path, default=STAGING, help="gpu-check: where the box keeps the parts")
    p.add_argument("--limit-mib", type=int, default=60, help="gpu-check pack: the largest part")
    p.add_argument("--tts-on-cpu", action="store_true", help="gpu-check pack: no onnxruntime-gpu (4 parts fewer)")
    p.add_argument("--cpu", action="store_true", help="gpu-check run: the CPU engine and settings (no GPU needed)")
    p.add_argument("--build-only", action="store_true", help="gpu-check run: stop after the builds")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="gpu-check run: a service setting")


def main_with(args: argparse.Namespace) -> int:
    try:
        if args.step == "pack":
            pack(args.json, args.limit_mib * MiB, tts_on_cpu=args.tts_on_cpu)
        elif args.step == "receive":
            receive(args.json, args.staging)
        elif args.step == "run":
            overrides = dict(s.split("=", 1) for s in args.set)
            run(
                args.staging,
                args.json,
                args.sessions,
                args.runs,
                cpu=args.cpu,
                build_only=args.build_only,
                overrides=overrides,
            )
        else:
            print("gpu-check: name a step: pack, receive or run", file=sys.stderr)
            return 2
    except GpuCheckError as exc:
        print(f"gpu-check: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m mailvox_dev.bench.gpu_check", description=__doc__.splitlines()[0])
    p.add_argument(
        "--json", type=Path, required=True, help="pack: the manifest; receive: the carried manifest; run: the results"
    )
    p.add_argument("--sessions", type=int, nargs="*", default=[1, 4, 16], help="run: concurrency levels")
    p.add_argument("--runs", type=int, default=16, help="run: measurements per level")
    add_arguments(p)
    return main_with(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
