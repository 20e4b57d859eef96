"""Getting models onto a box: fetch from the hub (or a mirror) with progress and sha256
checks, and pack/unpack an offline bundle for an air-gapped GPU box.

Only these commands touch the network; the services never do.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path

import httpx
from tqdm import tqdm

from .catalog import (
    Model,
    ModelError,
    expected_sha256,
    models_dir,
    profile_models,
    record_sha256,
    sha256_of,
    verify,
)

HUB = "https://huggingface.co"
CHUNK = 1 << 20


def _source(url: str) -> str:
    """The hub URL, or the same path on a local mirror (MAILVOX_MODEL_MIRROR)."""
    mirror = os.environ.get("MAILVOX_MODEL_MIRROR")
    return url.replace(HUB, mirror.rstrip("/"), 1) if mirror and url.startswith(HUB) else url


def _download(url: str, target: Path, label: str) -> str:
    """Download to target.partial, resuming a partial file; returns the sha256."""
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    have = partial.stat().st_size if partial.exists() else 0
    if have:
        with partial.open("rb") as f:
            for block in iter(lambda: f.read(CHUNK), b""):
                digest.update(block)
    headers = {"Range": f"bytes={have}-"} if have else {}
    token = os.environ.get("HF_TOKEN")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    with httpx.stream("GET", url, headers=headers, follow_redirects=True, timeout=60) as response:
        if response.status_code == 416:  # already complete
            response.close()
        elif response.status_code not in (200, 206):
            raise ModelError(f"{label}: {url} answered {response.status_code}")
        else:
            if response.status_code == 200 and have:  # the server ignored the range: start over
                have, digest = 0, hashlib.sha256()
            total = int(response.headers.get("Content-Length", 0)) + have
            with (
                partial.open("ab" if have else "wb") as out,
                tqdm(total=total or None, initial=have, unit="B", unit_scale=True, desc=label) as bar,
            ):
                for block in response.iter_bytes(CHUNK):
                    out.write(block)
                    digest.update(block)
                    bar.update(len(block))
    partial.replace(target)
    return digest.hexdigest()


def fetch(model: Model, root: Path | None = None, log=print) -> None:
    """Download a model's files that are missing or wrong; pinned checksums must match."""
    directory = model.directory(root)
    directory.mkdir(parents=True, exist_ok=True)
    recorded: dict[str, str] = {}
    for f in model.files:
        if f.url is None:
            raise ModelError(f"{model.name}/{f.path} has no URL: it comes from a package (`models prepare`)")
        target = directory / f.path
        expected = expected_sha256(model, f, root)
        if target.is_file() and expected and sha256_of(target) == expected:
            continue
        actual = _download(_source(f.url), target, f"{model.name}/{f.path}")
        if f.sha256 and actual != f.sha256:
            target.unlink()
            raise ModelError(f"{model.name}/{f.path}: sha256 {actual} is not the pinned {f.sha256}")
        if not f.sha256:
            recorded[f.path] = actual
            log(f"  recorded sha256 of {model.name}/{f.path}: {actual}")
    if recorded:
        record_sha256(model, recorded, root)


def pack(profile: str, bundle: Path, root: Path | None = None) -> dict:
    """One tar file with the profile's models and their checksums, for a box with no internet."""
    models = profile_models(profile)
    problems = [p for m in models for p in verify(m, root)]
    if problems:
        raise ModelError("not packing an incomplete profile: " + "; ".join(problems))
    index = {
        "profile": profile,
        "models": {m.name: {f.path: expected_sha256(m, f, root) for f in m.files} for m in models},
    }
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(bundle, "w") as tar:
        data = json.dumps(index, indent=2).encode()
        info = tarfile.TarInfo("bundle.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        for m in models:
            for f in m.files:
                tar.add(m.file(f.path, root), arcname=f"{m.name}/{f.path}")
    return index


def unpack(bundle: Path, root: Path | None = None) -> list[str]:
    """Install a bundle's models, checking every file against the bundle and the manifest."""
    root = root or models_dir()
    with tarfile.open(bundle) as tar:
        index_file = tar.extractfile("bundle.json")
        if index_file is None:
            raise ValueError(f"{bundle} has no bundle.json")
        index = json.load(index_file)
        members = [m for m in tar.getmembers() if m.name != "bundle.json"]
        tar.extractall(root, members=members, filter="data")  # no paths outside root
    installed = []
    for model in profile_models(index["profile"]):
        shipped = index["models"].get(model.name)
        if shipped is None:
            raise ModelError(f"the bundle lacks {model.name}")
        for f in model.files:
            if f.sha256 and shipped.get(f.path) != f.sha256:
                raise ModelError(f"the bundle's {model.name}/{f.path} is not the pinned version")
        record_sha256(model, {p: v for p, v in shipped.items() if v}, root)
        problems = verify(model, root)
        if problems:
            raise ModelError("; ".join(problems))
        installed.append(model.name)
    return installed
