"""The model manifest: packaged models are assembled, verified by sha256, and problems are clear."""

from __future__ import annotations

import pytest

from mailvox.models import catalog


def test_every_cpu_model_is_prepared_and_matches_its_sha256():
    for model in catalog.profile_models("cpu"):
        assert catalog.verify(model) == [], model.name


def test_each_role_has_a_cpu_model():
    assert {m.role for m in catalog.profile_models("cpu")} == {"stt", "tts", "llm"}


def test_a_corrupt_file_is_reported_and_prepare_repairs_it(tmp_path):
    voice = catalog.model_for("tts", "cpu")
    catalog.prepare(voice, root=tmp_path)
    config = voice.file("en_US-joe-medium.onnx.json", root=tmp_path)
    config.write_text("{}")
    assert catalog.verify(voice, root=tmp_path) == [f"{config} has the wrong sha256"]
    catalog.prepare(voice, root=tmp_path)
    assert catalog.verify(voice, root=tmp_path) == []


def test_a_missing_package_says_how_to_install_it():
    with pytest.raises(catalog.ModelError, match="scripts/setup.sh"):
        catalog._package_file("no-such-model-package", "x.bin")


def test_an_unprepared_model_says_which_command_prepares_it(monkeypatch, tmp_path):
    monkeypatch.setenv("MAILVOX_HOME", str(tmp_path))
    with pytest.raises(catalog.ModelError, match="mailvox models prepare cpu"):
        catalog.require("stt", "cpu")


# --- fetch, pack, unpack -------------------------------------------------------------------

import hashlib  # noqa: E402
import threading  # noqa: E402
from functools import partial  # noqa: E402
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402

from mailvox.models import transfer  # noqa: E402


@pytest.fixture
def mirror(tmp_path, monkeypatch):
    """A local HTTP mirror of the hub's paths (what an air-gapped site's mirror would be)."""
    served = tmp_path / "mirror"
    for model in catalog.profile_models("gpu"):
        for f in model.files:
            path = served / f.url.removeprefix(transfer.HUB + "/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(f"stand-in weights of {model.name}/{f.path}".encode() * 1000)
    handler = partial(SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("MAILVOX_MODEL_MIRROR", f"http://127.0.0.1:{server.server_port}")
    yield served
    server.shutdown()


def test_fetch_downloads_records_checksums_and_verifies(mirror, tmp_path):
    root = tmp_path / "models"
    for model in catalog.profile_models("gpu"):
        transfer.fetch(model, root, log=lambda *_: None)
        assert catalog.verify(model, root) == []
    llm = catalog.model_for("llm", "gpu")
    gguf = llm.main_file(root)
    assert catalog.expected_sha256(llm, llm.files[0], root) == hashlib.sha256(gguf.read_bytes()).hexdigest()
    gguf.write_bytes(b"tampered")  # a changed file is caught, and fetched again
    assert catalog.verify(llm, root) == [f"{gguf} has the wrong sha256"]
    transfer.fetch(llm, root, log=lambda *_: None)
    assert catalog.verify(llm, root) == []


def test_fetch_resumes_a_partial_download(mirror, tmp_path):
    root = tmp_path / "models"
    voice = catalog.model_for("tts", "gpu")
    whole = (mirror / voice.files[0].url.removeprefix(transfer.HUB + "/")).read_bytes()
    target = voice.file(voice.files[0].path, root)
    target.parent.mkdir(parents=True)
    target.with_name(target.name + ".partial").write_bytes(whole[:1000])
    transfer.fetch(voice, root, log=lambda *_: None)
    assert target.read_bytes() == whole


def test_a_pinned_checksum_that_does_not_match_is_refused(mirror, tmp_path, monkeypatch):
    voice = catalog.model_for("tts", "gpu")
    pinned = catalog.Model(
        **{
            **voice.__dict__,
            "files": (catalog.ModelFile(path=voice.files[0].path, sha256="0" * 64, url=voice.files[0].url),),
        }
    )
    with pytest.raises(catalog.ModelError, match="not the pinned"):
        transfer.fetch(pinned, tmp_path, log=lambda *_: None)
    assert not pinned.file(voice.files[0].path, tmp_path).exists()


def test_an_offline_bundle_installs_on_another_box_and_is_checked(mirror, tmp_path, monkeypatch):
    source, target = tmp_path / "online", tmp_path / "airgapped"
    for model in catalog.profile_models("gpu"):
        transfer.fetch(model, source, log=lambda *_: None)
    monkeypatch.setenv("MAILVOX_HOME", str(tmp_path / "home"))  # pack reads from `source` below
    bundle = tmp_path / "gpu-models.tar"
    transfer.pack("gpu", bundle, root=source)
    installed = transfer.unpack(bundle, root=target)
    assert installed == [m.name for m in catalog.profile_models("gpu")]
    for model in catalog.profile_models("gpu"):
        assert catalog.verify(model, target) == []


def test_packing_an_incomplete_profile_is_refused(tmp_path):
    with pytest.raises(catalog.ModelError, match="incomplete"):
        transfer.pack("gpu", tmp_path / "b.tar", root=tmp_path / "empty")
