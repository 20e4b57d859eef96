"""The Kubernetes template in deploy/scale-out/ against the Kubernetes schemas, with kubeconform
in strict mode (a misspelt or unknown field fails), for the oldest and newest Kubernetes
scripts/setup.sh made schemas for. kubeconform, and the schemas from kubernetes-validate's wheel,
come from scripts/setup.sh."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from mailvox.settings import mailvox_home

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "scale-out" / "mailvox.yaml"
SCHEMAS = mailvox_home() / "kubernetes-json-schema"
VERSIONS = sorted(p.name.split("-")[0].lstrip("v") for p in SCHEMAS.glob("v*-standalone-strict"))


def kubeconform(manifest: Path, kubernetes_version: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(mailvox_home() / "bin" / "kubeconform"),
            *("-strict", "-summary", "-kubernetes-version", kubernetes_version),
            *("-schema-location", str(SCHEMAS)),  # kubeconform's own layout below it
            str(manifest),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_setup_made_schemas_for_two_kubernetes_versions():
    assert len(VERSIONS) >= 2, f"run scripts/setup.sh: no schemas in {SCHEMAS}"


@pytest.mark.parametrize("kubernetes_version", VERSIONS)
def test_every_resource_of_the_template_is_valid(kubernetes_version):
    checked = kubeconform(TEMPLATE, kubernetes_version)
    kinds = [doc["kind"] for doc in yaml.safe_load_all(TEMPLATE.read_text()) if doc]
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # every resource checked against a schema: none skipped, none without one
    assert f"{len(kinds)} resources found in 1 file - Valid: {len(kinds)}, Invalid: 0, Errors: 0, Skipped: 0" in (
        checked.stdout
    ), checked.stdout


def test_the_check_catches_a_misspelt_field_and_a_wrong_type(tmp_path):
    broken = TEMPLATE.read_text().replace("replicas: 3", 'replicas: "3"', 1)
    broken = broken.replace("readinessProbe:", "readinesProbe:", 1)
    assert broken.count('"3"') == 1 and "readinesProbe" in broken
    (tmp_path / "broken.yaml").write_text(broken)
    checked = kubeconform(tmp_path / "broken.yaml", VERSIONS[-1])
    assert checked.returncode == 1
    assert "'readinesProbe' not allowed" in checked.stdout, checked.stdout
    assert "/spec/replicas': got string, want null or integer" in checked.stdout, checked.stdout


def test_every_volume_claim_the_pods_mount_is_in_the_template():
    docs = [doc for doc in yaml.safe_load_all(TEMPLATE.read_text()) if doc]
    claims = {doc["metadata"]["name"] for doc in docs if doc["kind"] == "PersistentVolumeClaim"}
    mounted = {
        volume["persistentVolumeClaim"]["claimName"]
        for doc in docs
        if doc["kind"] == "Deployment"
        for volume in doc["spec"]["template"]["spec"].get("volumes", [])
        if "persistentVolumeClaim" in volume
    }
    assert mounted == {"mailvox-state", "mailvox-models"}
    assert mounted <= claims, f"mounted but never claimed: {mounted - claims}"
