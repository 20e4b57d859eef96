"""The compose files and images can't be built here (no Docker engine), so what can be
checked is checked: compose.yaml against the Compose specification's own JSON schema, the
images installing through scripts/setup.sh (the steps CI runs), the pins they share, and an
example env file that sets every variable compose.yaml needs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml

from mailvox.settings import mailvox_home

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_yaml_follows_the_compose_specification():
    schema = json.loads((mailvox_home() / "compose-spec.json").read_text())  # from scripts/setup.sh
    jsonschema.validate(COMPOSE, schema)


def test_the_schema_check_catches_a_mistake():
    schema = json.loads((mailvox_home() / "compose-spec.json").read_text())
    broken = {
        **COMPOSE,
        "services": {**COMPOSE["services"], "portal": {**COMPOSE["services"]["portal"], "ports": 8300}},
    }
    try:
        jsonschema.validate(broken, schema)
    except jsonschema.ValidationError:
        return
    raise AssertionError("a port given as a bare number passed the schema")


def test_every_image_is_installed_by_the_setup_script_ci_runs():
    for dockerfile in ("deploy/Dockerfile", "deploy/Dockerfile.gpu"):
        text = (ROOT / dockerfile).read_text()
        assert "RUN scripts/setup.sh" in text and "MAILVOX_SETUP=image" in text, dockerfile
    built = {s["build"]["dockerfile"] for s in COMPOSE["services"].values() if "build" in s}
    assert built == {"deploy/Dockerfile", "deploy/Dockerfile.gpu"}


def test_livekit_server_runs_the_version_ci_builds_with_this_repos_config():
    version = re.search(r"^LIVEKIT_VERSION=(\S+)", (ROOT / "scripts/setup.sh").read_text(), re.M).group(1)
    livekit = COMPOSE["services"]["livekit"]
    assert livekit["image"] == f"livekit/livekit-server:v{version}"
    assert "./livekit-server.yaml:/etc/livekit-server.yaml:ro" in livekit["volumes"]


def test_the_example_env_sets_every_variable_compose_needs():
    text = (ROOT / "compose.yaml").read_text()
    needed = set(re.findall(r"\$\{([A-Z0-9_]+)\}", text))  # ${VAR} without a default
    example = dict(
        line.split("=", 1)
        for line in (ROOT / "deploy/example.env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert needed and needed <= set(example), needed - set(example)
    assert example["COMPOSE_PROFILES"] == "cpu"  # `docker compose up` runs the cpu profile


def test_gpu_services_reserve_gpus_and_answer_to_the_cpu_names():
    services = COMPOSE["services"]
    for name in ("stt", "tts", "llm"):
        gpu = services[f"{name}-gpu"]
        assert gpu["profiles"] == ["gpu"] and services[name]["profiles"] == ["cpu"]
        assert gpu["deploy"]["resources"]["reservations"]["devices"][0]["capabilities"] == ["gpu"]
        assert gpu["networks"]["default"]["aliases"] == [name]
        assert gpu["image"] == "mailvox:gpu"


def test_the_kubernetes_template_runs_the_same_commands_and_settings_as_compose():
    documents = list(yaml.safe_load_all((ROOT / "deploy/scale-out/mailvox.yaml").read_text()))
    deployments = {d["metadata"]["name"]: d for d in documents if d["kind"] == "Deployment"}
    assert set(deployments) == {"agent", "stt", "tts", "llm", "portal"}
    for name, deployment in deployments.items():
        [container] = deployment["spec"]["template"]["spec"]["containers"]
        assert container["command"] == COMPOSE["services"][name]["command"], name
    for name in ("stt", "llm"):
        [container] = deployments[name]["spec"]["template"]["spec"]["containers"]
        assert container["resources"]["limits"]["nvidia.com/gpu"] == 1
    # every setting it names exists in the component's settings
    from mailvox.agent.settings import AgentSettings
    from mailvox.services.portal.settings import PortalSettings

    config = next(d for d in documents if d["kind"] == "ConfigMap")["data"]
    agent_env = {k.removeprefix("MAILVOX_AGENT_").lower() for k in config if k.startswith("MAILVOX_AGENT_")}
    assert agent_env <= set(AgentSettings.model_fields)
    [portal] = deployments["portal"]["spec"]["template"]["spec"]["containers"]
    portal_env = {e["name"].removeprefix("MAILVOX_PORTAL_").lower() for e in portal["env"]}
    assert portal_env <= set(PortalSettings.model_fields)
