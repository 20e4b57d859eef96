"""The model manifest: packaged models are assembled, verified by sha256, and problems are clear."""

from __future__ import annotations

import pytest

from models import catalog


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
