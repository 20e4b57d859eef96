"""Read the model manifest, assemble models from the packages that ship them, verify sha256.

Package files are found through each distribution's file list (``importlib.metadata``), never
by importing the package: some model packages pull in unrelated code when imported.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from mailvox.settings import mailvox_home

MANIFEST = Path(__file__).with_name("manifest.yaml")


class ModelError(RuntimeError):
    """A model is missing, incomplete or corrupt; the message says which and how to fix it."""


@dataclass(frozen=True)
class ModelFile:
    path: str
    sha256: str | None  # None: recorded by the first fetch (see manifest.yaml)
    parts: tuple[tuple[str, str], ...] = ()  # (distribution, file inside it), for packaged models
    url: str | None = None  # for fetched models


@dataclass(frozen=True)
class Model:
    name: str
    role: str
    profile: str
    license: str
    description: str
    packages: tuple[str, ...]
    files: tuple[ModelFile, ...]

    def directory(self, root: Path | None = None) -> Path:
        return (root or models_dir()) / self.name

    def file(self, relative: str, root: Path | None = None) -> Path:
        return self.directory(root) / relative

    def main_file(self, root: Path | None = None) -> Path:
        """The file an engine loads (the manifest lists it first)."""
        return self.file(self.files[0].path, root)


def models_dir() -> Path:
    return mailvox_home() / "models"


def load_manifest(path: Path = MANIFEST) -> list[Model]:
    raw = yaml.safe_load(path.read_text())
    return [
        Model(
            name=m["name"],
            role=m["role"],
            profile=m["profile"],
            license=m["license"],
            description=m.get("description", ""),
            packages=tuple(m.get("packages", ())),
            files=tuple(
                ModelFile(
                    path=f["path"],
                    sha256=f.get("sha256"),
                    parts=tuple((p["dist"], p["file"]) for p in f.get("parts", ())),
                    url=f.get("url"),
                )
                for f in m["files"]
            ),
        )
        for m in raw["models"]
    ]


def profile_models(profile: str) -> list[Model]:
    models = [m for m in load_manifest() if m.profile == profile]
    if not models:
        raise ModelError(f"no models in profile {profile!r}")
    return models


def model_for(role: str, profile: str = "cpu") -> Model:
    for m in load_manifest():
        if m.role == role and m.profile == profile:
            return m
    raise ModelError(f"no {role} model in profile {profile!r}")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _package_file(dist: str, file: str) -> Path:
    try:
        distribution = importlib.metadata.distribution(dist)
    except importlib.metadata.PackageNotFoundError as exc:
        raise ModelError(f"package {dist} is not installed: run scripts/setup.sh") from exc
    located = Path(str(distribution.locate_file(file)))
    if not located.is_file():
        raise ModelError(f"{file} is missing from package {dist}")
    return located


LOCK = "mailvox-sha256.json"  # checksums recorded by the first fetch of unpinned files


def recorded_sha256(model: Model, root: Path | None = None) -> dict[str, str]:
    try:
        return json.loads((model.directory(root) / LOCK).read_text())
    except FileNotFoundError:
        return {}


def record_sha256(model: Model, values: dict[str, str], root: Path | None = None) -> None:
    lock = model.directory(root) / LOCK
    lock.write_text(json.dumps({**recorded_sha256(model, root), **values}, indent=2, sort_keys=True))


def expected_sha256(model: Model, file: ModelFile, root: Path | None = None) -> str | None:
    """The pinned checksum, else the one the first fetch recorded, else None."""
    return file.sha256 or recorded_sha256(model, root).get(file.path)


def verify(model: Model, root: Path | None = None) -> list[str]:
    """Problems with a prepared model, empty when every file is there with the right sha256."""
    problems = []
    for f in model.files:
        target = model.file(f.path, root)
        expected = expected_sha256(model, f, root)
        if not target.is_file():
            problems.append(f"{target} is missing")
        elif expected is None:
            problems.append(f"{target} has no known sha256 (fetch it again)")
        elif sha256_of(target) != expected:
            problems.append(f"{target} has the wrong sha256")
    return problems


def prepare(model: Model, root: Path | None = None, log=print) -> Path:
    """Assemble a packaged model into its directory; files already right are left alone."""
    if any(not f.parts for f in model.files):
        raise ModelError(f"{model.name} is not in a package: use `mailvox models fetch {model.profile}`")
    directory = model.directory(root)
    directory.mkdir(parents=True, exist_ok=True)
    for f in model.files:
        target = directory / f.path
        if target.is_file() and target.stat().st_size > 0 and sha256_of(target) == f.sha256:
            continue
        log(f"  assembling {model.name}/{f.path} from {len(f.parts)} package file(s)")
        partial = target.with_suffix(target.suffix + ".partial")
        with partial.open("wb") as out:
            for dist, file in f.parts:
                with _package_file(dist, file).open("rb") as src:
                    shutil.copyfileobj(src, out, 1 << 20)
        actual = sha256_of(partial)
        if actual != f.sha256:
            partial.unlink()
            raise ModelError(f"{model.name}/{f.path}: sha256 {actual} != manifest {f.sha256}")
        partial.replace(target)
    return directory


def require(role: str, profile: str = "cpu") -> Model:
    """The model for a role, prepared and complete, or a ModelError saying how to get it."""
    model = model_for(role, profile)
    missing = [f.path for f in model.files if not model.file(f.path).is_file()]
    if missing:
        raise ModelError(
            f"model {model.name} is not prepared ({', '.join(missing)} missing): run `mailvox models prepare {profile}`"
        )
    return model
