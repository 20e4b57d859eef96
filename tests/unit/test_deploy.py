"""What can be checked without building: compose.yaml against the Compose specification's own
JSON schema, the images installing through scripts/setup.sh (the steps CI runs), the pins they
share, an example env file that sets every variable compose.yaml needs, and the refusal of
known secrets. tests/e2e/test_compose.py builds the images and runs the stack for real."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from mailvox.services.portal.app import create_portal
from mailvox.services.portal.settings import PortalSettings
from mailvox.settings import (
    DEV_LIVEKIT_API_SECRET,
    KNOWN_LIVEKIT_SECRETS,
    MIN_SECRET_LENGTH,
    KnownSecretError,
    LiveKitSettings,
    mailvox_home,
    weak_secret_reason,
)
from mailvox.stack_secrets import LIVEKIT_KEY_FILE, SECRETS, init_secrets

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
    assert "./deploy/livekit-compose.yaml:/etc/livekit-server.yaml:ro" in livekit["volumes"]
    # LiveKit's advice for Docker: media needs addresses both browsers and the agent reach
    assert livekit["network_mode"] == "host"


def test_the_example_env_sets_every_variable_compose_needs():
    text = (ROOT / "compose.yaml").read_text()
    needed = set(re.findall(r"\$\{([A-Z0-9_]+)\}", text))  # ${VAR} without a default
    example = dict(
        line.split("=", 1)
        for line in (ROOT / "deploy/example.env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert needed <= set(example), needed - set(example)
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


def test_the_production_image_holds_the_product_alone():
    stages = {
        text.split("\n", 1)[0].split(" AS ")[-1]: text
        for text in re.split(r"^FROM ", (ROOT / "deploy/Dockerfile").read_text(), flags=re.M)[1:]
    }
    assert stages["mailvox"].startswith("runtime AS mailvox")
    production = stages["runtime"] + stages["mailvox"]
    # only the finished environment and the LLM engine come from the build stage; nothing is
    # compiled or installed here but llama.cpp's OpenMP runtime
    assert re.findall(r"^COPY .*", production, re.M) == [
        "COPY --from=build /var/cache/mailvox-build/bin/llama-server /usr/local/bin/llama-server",
        "COPY --from=build /opt/mailvox/venv /opt/mailvox/venv",
    ]
    assert re.findall(r"install -y -q --no-install-recommends (.*) ", production) == ["libgomp1"]
    assert not re.search(r"pip |npm|build-essential|gcc|cmake", production)
    assert re.search(r"^USER mailvox$", production, re.M)
    services = COMPOSE["services"]
    assert {s["build"]["target"] for n, s in services.items() if n != "mail" and "build" in s and "gpu" not in n} == {
        "mailvox"
    }
    assert services["mail"]["build"]["target"] == "demo"  # the dev tools serve the demo mailbox only


# --- Known secrets (issue 18): never served beyond loopback ---------------------------------

KNOWN = sorted(KNOWN_LIVEKIT_SECRETS)


@pytest.mark.parametrize("secret", [*KNOWN, "s" * (MIN_SECRET_LENGTH - 1)])
def test_known_secret_or_short_one_is_refused_when_livekit_is_reachable(secret):
    for url in ("ws://livekit:7880", "wss://voice.northwind.example", "ws://0.0.0.0:7880"):
        with pytest.raises(KnownSecretError, match="LIVEKIT_API_SECRET"):
            LiveKitSettings(url=url, api_key="k", api_secret=secret).refuse_known_secret()


def test_known_secret_is_refused_when_the_service_itself_listens_beyond_loopback():
    livekit = LiveKitSettings(url="ws://127.0.0.1:7880", api_key="k", api_secret=DEV_LIVEKIT_API_SECRET)
    livekit.refuse_known_secret(listening=["127.0.0.1", "::1", "localhost"])  # the dev stack: allowed
    with pytest.raises(KnownSecretError, match="0.0.0.0"):
        livekit.refuse_known_secret(listening=["0.0.0.0"])


def test_known_secret_check_lets_a_long_random_secret_through_anywhere():
    LiveKitSettings(url="ws://livekit:7880", api_key="k", api_secret="x" * MIN_SECRET_LENGTH).refuse_known_secret(
        listening=["0.0.0.0"]
    )


def test_known_secret_stops_the_portal_listening_on_every_address(monkeypatch):
    for name in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(KnownSecretError):
        create_portal(PortalSettings(host="0.0.0.0"))  # the development defaults
    create_portal(PortalSettings(host="127.0.0.1"))  # loopback only: the dev stack may


def test_known_secret_stops_the_agent_worker_before_it_connects(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEKIT_", "MAILVOX_"))}
    env |= {"LIVEKIT_URL": "ws://livekit.northwind.example:7880", "MAILVOX_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "mailvox.cli", "agent", "start"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "Refusing to start" in done.stderr and "known secret" in done.stderr, done.stderr[-2000:]


def test_known_secret_never_ships_in_the_example_env():
    example = (ROOT / "deploy/example.env").read_text()
    assert not re.search(r"^(LIVEKIT_API_SECRET|MAILVOX_PORTAL_SESSION_SECRET)=", example, re.M)
    assert not any(re.search(rf"=\s*{re.escape(known)}\s*$", example, re.M) for known in KNOWN)


def test_known_secret_first_start_makes_random_secrets_and_keeps_them(tmp_path, monkeypatch):
    for variable in SECRETS.values():
        monkeypatch.delenv(variable, raising=False)
    directory = tmp_path / "secrets"
    assert set(init_secrets(directory).values()) == {"made"}
    first = {name: (directory / name).read_text() for name in SECRETS}
    assert set(init_secrets(directory).values()) == {"kept"}
    assert {name: (directory / name).read_text() for name in SECRETS} == first  # a restart keeps them
    for name in ("livekit_api_secret", "mailvox_portal_session_secret"):
        assert weak_secret_reason(first[name]) is None
    init_secrets(tmp_path / "another box")
    assert (tmp_path / "another box" / "livekit_api_secret").read_text() != first["livekit_api_secret"]  # random
    keys = directory / LIVEKIT_KEY_FILE
    assert keys.read_text() == f"{first['livekit_api_key']}: {first['livekit_api_secret']}\n"
    assert keys.stat().st_mode & 0o077 == 0  # livekit-server refuses a key file others can read
    # every MailVox process of the stack reads them from there; the environment still wins
    monkeypatch.setenv("MAILVOX_SECRETS_DIR", str(directory))
    assert LiveKitSettings().api_secret == first["livekit_api_secret"]
    assert PortalSettings().session_secret == first["mailvox_portal_session_secret"]
    monkeypatch.setenv("LIVEKIT_API_SECRET", "y" * 40)
    assert LiveKitSettings().api_secret == "y" * 40


@pytest.mark.parametrize("weak", [KNOWN[0], "s" * (MIN_SECRET_LENGTH - 1)])
def test_known_secret_kept_from_an_earlier_start_is_replaced_with_a_random_one(tmp_path, monkeypatch, weak):
    for variable in SECRETS.values():
        monkeypatch.delenv(variable, raising=False)
    directory = tmp_path / "secrets"
    directory.mkdir()
    for name in ("livekit_api_key", "livekit_api_secret", "mailvox_portal_session_secret"):
        (directory / name).write_text("mailvox" if name == "livekit_api_key" else weak)
    origin = init_secrets(directory)
    assert origin == {
        "livekit_api_key": "kept",
        "livekit_api_secret": "replaced",
        "mailvox_portal_session_secret": "replaced",
    }
    for name in ("livekit_api_secret", "mailvox_portal_session_secret"):
        assert weak_secret_reason((directory / name).read_text()) is None
    secret = (directory / "livekit_api_secret").read_text()
    assert (directory / LIVEKIT_KEY_FILE).read_text() == f"mailvox: {secret}\n"  # livekit-server gets the new one
    assert set(init_secrets(directory).values()) == {"kept"}  # and keeps it from then on


def test_known_secret_in_the_env_file_stops_the_stack_at_its_first_step(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEKIT_", "MAILVOX_"))}
    env |= {"MAILVOX_SECRETS_DIR": str(tmp_path / "secrets"), "LIVEKIT_API_SECRET": KNOWN[-1]}
    done = subprocess.run(
        [sys.executable, "-m", "mailvox.cli", "secrets", "init"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1 and "LIVEKIT_API_SECRET will not do" in done.stderr, done.stderr
    assert not (tmp_path / "secrets").exists()  # nothing written, nothing for livekit-server to serve


def test_the_agent_worker_takes_its_livekit_keys_from_the_stacks_secrets_files(tmp_path, monkeypatch):
    """compose gives the agent no LIVEKIT_API_* variables: the keys are in the secrets volume."""
    from mailvox.agent.worker import build_server
    from mailvox.settings import LiveKitSettings

    for name in ("LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "LIVEKIT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MAILVOX_HOME", str(tmp_path))
    monkeypatch.setenv("MAILVOX_SECRETS_DIR", str(tmp_path / "secrets"))
    monkeypatch.setenv("MAILVOX_AGENT_ADMISSION_FILE", "")  # build_server sets it; restored after
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "livekit_api_key").write_text("mailvox")
    (tmp_path / "secrets" / "livekit_api_secret").write_text("s" * 48)
    server = build_server(livekit=LiveKitSettings(url="ws://livekit:7880"))
    # livekit-agents keeps them privately (no accessor in 1.x); before, it read LIVEKIT_API_KEY alone
    assert (server._api_key, server._api_secret, server._ws_url) == ("mailvox", "s" * 48, "ws://livekit:7880")
