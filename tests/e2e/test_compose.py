"""The README's evaluator path, for real: `cp deploy/example.env .env && docker compose up`.

The images build from the checkout's files (tracked and new, never ignored build outputs) with
the cpu profile, every service becomes healthy, the demo user logs in to the portal, joins
with the portal's token, hears the greeting with the unread count, asks for Sarah's email and
hears it, dictates a reply (a draft). After `down` and `up` the models are not prepared again
and the user's place and draft are still there; `down -v` removes everything.

No registry is reachable from CI: tests/e2e/compose/compose.test.yaml swaps in stand-ins for
the two official base images (built here from Debian's packages and the livekit-server that
scripts/setup.sh builds) and lets the builds use the host's network. dockerd must be running
(`make test` starts it: scripts/with-dockerd.sh); without it this test fails and says so.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import tarfile
import time
from pathlib import Path

import httpx
import pytest

from mailvox.client import VoiceClient
from mailvox.settings import LiveKitSettings, mailvox_home
from mailvox.speech import synthesize_16k, transcribe_16k
from mailvox_dev.devservers.livekit import livekit_binary

from .test_e2e_greeting import spoken_numbers

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent / "compose"
PROJECT = "mailvox-e2e"  # not the evaluator's own `mailvox` stack
ROOTFS = mailvox_home() / "images" / "python-3.11-bookworm-rootfs.tar"  # scripts/setup.sh
PYTHON_STANDIN = "mailvox-test/python:3.11-slim-bookworm"
LIVEKIT_STANDIN = "mailvox-test/livekit-server:v1.13.5"
PREBUILT = "mailvox-test/llama-prebuilt"  # compose.test.yaml hands it to deploy/Dockerfile
HOST_PORTS = (7880, 7881, 8300)  # livekit-server (host network) and the portal
UNREAD = 5  # the seeded demo inbox
ONE_SHOTS = {"secrets", "models"}

pytestmark = pytest.mark.timeout(3600)


def run(*args: str, cwd: Path = ROOT, timeout: float = 1800, check: bool = True) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(
            f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
        )
    return done.stdout + done.stderr


def require_docker(publishes: bool = True) -> None:
    if shutil.which("docker") is None:
        pytest.fail("no docker command: scripts/setup.sh installs Debian's docker.io")
    try:
        run("docker", "info", timeout=30)
    except AssertionError as error:
        pytest.fail(f"dockerd is not answering (make test starts it: scripts/with-dockerd.sh): {error}")
    if "Docker Compose" not in run("docker", "compose", "version", timeout=30):
        pytest.fail("no docker compose plugin: scripts/setup.sh builds it")
    busy = [port for port in HOST_PORTS if _port_in_use(port)] if publishes else []
    if busy:
        pytest.fail(f"ports {busy} are taken on this machine; the stack publishes them")


def _port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def build_standins(tmp: Path) -> None:
    """The stand-ins for python:3.11-slim-bookworm and livekit/livekit-server (cached by Docker)."""
    if not ROOTFS.is_file():
        pytest.fail(f"{ROOTFS} is missing: scripts/setup.sh makes it with debootstrap")
    with tarfile.open(ROOTFS) as rootfs:
        root = rootfs.next()
    if root is None or root.mode & 0o755 != 0o755:  # the images' non-root user could reach no file
        pytest.fail(f"{ROOTFS}'s root directory is not 0755: scripts/setup.sh makes it again")
    rootfs_image = "mailvox-test/bookworm-rootfs:" + str(int(ROOTFS.stat().st_mtime))
    if run("docker", "images", "-q", rootfs_image).strip() == "":
        run("docker", "import", str(ROOTFS), rootfs_image)
    context = tmp / "python-standin"
    context.mkdir()
    shutil.copy("/etc/ssl/certs/ca-certificates.crt", context)  # this machine's CA bundle
    run("docker", "build", "-q", "-t", PYTHON_STANDIN, "--build-arg", f"ROOTFS_IMAGE={rootfs_image}",
        "-f", str(HERE / "python-standin.Dockerfile"), str(context))  # fmt: skip
    context = tmp / "livekit-standin"
    context.mkdir()
    shutil.copy(livekit_binary(), context / "livekit-server")
    run("docker", "build", "-q", "--network", "host", "-t", LIVEKIT_STANDIN, "--build-arg",
        f"BASE_IMAGE={PYTHON_STANDIN}", "-f", str(HERE / "livekit-standin.Dockerfile"), str(context))  # fmt: skip


def build_prebuilt(tmp: Path) -> None:
    """The llama-cpp-python wheel and llama-server that scripts/setup.sh compiled on this machine.

    The image build would compile both again (about 30 minutes on 2 cores); given these it
    skips that where its keys (CPU flags, build flags, pins) match, as setup.sh does here.
    setup.sh's compile is exercised by every CI run on the host; this test proves the rest.
    """
    home = mailvox_home()
    engine = home / "bin" / "llama-server"
    wheels = sorted((home / "wheels").glob("*/llama_cpp_python-*.whl"))
    if not engine.is_file() or not wheels:
        pytest.fail(f"no llama-server or llama-cpp-python wheel in {home}: run scripts/setup.sh")
    context = tmp / "llama-prebuilt"
    for wheel in wheels:
        target = context / "prebuilt" / "wheels" / wheel.parent.name
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(wheel, target)
    (context / "prebuilt" / "bin").mkdir(parents=True)
    for name in ("llama-server", "llama-server.built"):
        shutil.copy2(home / "bin" / name, context / "prebuilt" / "bin")
    (context / "Dockerfile").write_text("FROM scratch\nCOPY prebuilt/ /prebuilt/\n")
    run("docker", "build", "-q", "-t", PREBUILT, str(context))


def copy_checkout(target: Path) -> None:
    """What an evaluator clones: tracked files and new ones, no ignored build outputs."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_symlink() or source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name, follow_symlinks=False)


class Stack:
    """`docker compose` in the copied checkout, with the test-only override."""

    def __init__(self, checkout: Path) -> None:
        self.checkout = checkout

    def compose(self, *args: str, timeout: float = 1800, check: bool = True) -> str:
        files = ("-f", "compose.yaml", "-f", str(HERE / "compose.test.yaml"))
        return run("docker", "compose", "-p", PROJECT, *files, *args, cwd=self.checkout, timeout=timeout, check=check)

    def states(self) -> dict[str, dict]:
        lines = self.compose("ps", "-a", "--format", "json").strip()
        rows = json.loads(lines) if lines.startswith("[") else [json.loads(line) for line in lines.splitlines()]
        return {row["Service"]: row for row in rows}

    def wait_healthy(self, timeout: float = 1200) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            states = self.states()
            failed = [s for s, row in states.items() if s in ONE_SHOTS and row["State"] == "exited" and row["ExitCode"]]
            assert not failed, (failed, self.compose("logs", "--tail", "50", *failed, check=False))
            waiting = [
                s
                for s, row in states.items()
                if not (s in ONE_SHOTS and row["State"] == "exited") and row.get("Health") != "healthy"
            ]
            if states and not waiting:
                return
            time.sleep(5)
        raise AssertionError(
            f"not healthy in {timeout} s: {waiting}\n{self.compose('logs', '--tail', '40', check=False)}"
        )

    def exec(self, service: str, *command: str) -> str:
        return self.compose("exec", "-T", service, *command, timeout=120)

    def drafts(self) -> int:
        """Messages in the demo user's Drafts folder, asked over IMAP inside the mail container."""
        script = (
            "import imaplib, os; m = imaplib.IMAP4('127.0.0.1', 1143);"
            "m.login('demo', os.environ['MAILVOX_DEMO_MAIL_PASSWORD']); print(m.select('Drafts')[1][0].decode())"
        )
        return int(self.exec("mail", "python", "-c", script).strip())

    def place(self) -> str:
        """The briefing place the agent keeps for the demo user, as stored in the volume."""
        return self.exec("agent", "sh", "-c", "cat $(find /var/lib/mailvox/state -name briefing-place.json)")


async def portal_call() -> VoiceClient:
    """Log in as the evaluator does and join with the portal's token."""
    async with httpx.AsyncClient(base_url="http://127.0.0.1:8300", timeout=30) as web:
        (await web.post("/api/login", json={"username": "demo", "password": "mailvox-demo"})).raise_for_status()
        answer = (await web.post("/api/token", json={})).raise_for_status().json()
    assert answer["url"] == "ws://localhost:7880"
    # The client signs nothing itself: the secret stays in the stack's volume.
    settings = LiveKitSettings(url=answer["url"], api_key="unused", api_secret="unused")
    return VoiceClient(settings, answer["identity"], room=answer["room"], token=answer["token"])


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    require_docker()
    started = time.monotonic()
    tmp_path = tmp_path_factory.mktemp("compose")
    build_standins(tmp_path)
    build_prebuilt(tmp_path)
    checkout = tmp_path / "mailvox"
    copy_checkout(checkout)
    shutil.copy(checkout / "deploy/example.env", checkout / ".env")  # the README's first command
    stack = Stack(checkout)
    stack.compose("down", "-v", "--remove-orphans", check=False)  # what a killed earlier run left
    # One after the other: Debian's classic builder would run the shared build stage twice at once.
    stack.compose("build", "secrets")  # mailvox:cpu
    stack.compose("build", "mail")  # mailvox:demo
    print(f"\nstand-ins and images built in {time.monotonic() - started:.0f} s")
    print(run("docker", "images", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}", "mailvox"))
    try:
        yield stack
    finally:
        print(stack.compose("logs", "--tail", "30", check=False)[-6000:])
        stack.compose("down", "-v", "--remove-orphans", check=False)
        run("docker", "image", "prune", "-f", check=False)  # what earlier runs' builds superseded
        print(run("docker", "system", "df", check=False))


async def test_the_evaluators_docker_compose_up_answers_a_call_and_keeps_the_users_state(stack):
    up_at = time.monotonic()
    stack.compose("up", "-d")
    stack.wait_healthy()
    healthy_s = time.monotonic() - up_at

    # No known secret is served: the first start made random ones, the portal signs with them.
    secrets = stack.compose("logs", "secrets")
    assert "livekit_api_secret: made" in secrets, secrets

    async with await portal_call() as client:
        greeting = transcribe_16k(await client.listen(timeout=180))
        greeted_s = time.monotonic() - up_at
        print(f"up -> healthy {healthy_s:.0f} s, up -> first greeting {greeted_s:.0f} s: {greeting!r}")
        assert re.search(r"have(n't| not) read", greeting.lower()), greeting
        assert UNREAD in spoken_numbers(greeting), greeting

        await client.say(synthesize_16k("Read me the email from Sarah."))
        sarah = transcribe_16k(await client.listen(timeout=120))
        assert "budget" in sarah.lower(), (sarah, client.transcripts)

        await client.say(synthesize_16k("Reply to Sarah saying I will send the numbers tomorrow."))
        await client.listen(timeout=120)  # the read-back; the draft is in Drafts before it is said
    drafts, place = stack.drafts(), stack.place()
    assert drafts >= 1, client.transcripts
    assert "budget-q3-001@northwind.example" in place, place  # Sarah's email

    stack.compose("down")
    again_at = time.monotonic()
    stack.compose("up", "-d")
    stack.wait_healthy()
    print(f"second up -> healthy {time.monotonic() - again_at:.0f} s")
    models = stack.compose("logs", "models")
    assert "assembling" not in models, models  # the volume's models were kept, not made again
    assert "livekit_api_secret: kept" in stack.compose("logs", "secrets")
    assert (stack.drafts(), stack.place()) == (drafts, place)
    async with await portal_call() as client:
        greeting = transcribe_16k(await client.listen(timeout=180))
        assert re.search(r"have(n't| not) read", greeting.lower()), greeting

    stack.compose("down", "-v")
    left = run("docker", "volume", "ls", "-q", "--filter", f"name={PROJECT}_")
    assert left.strip() == "", left


def test_the_production_image_runs_as_a_user_with_no_build_or_test_tools(stack):
    script = "id -u; for tool in gcc cc c++ make cmake npm node pytest playwright ruff; do command -v $tool; done; true"
    found = run("docker", "run", "--rm", "--entrypoint", "sh", "mailvox:cpu", "-c", script).split()
    assert found == ["10001"], found
    run("docker", "run", "--rm", "mailvox:cpu", "python", "-c", "import mailvox.agent, mailvox.services, llama_cpp")
    missing = run("docker", "run", "--rm", "mailvox:cpu", "python", "-c", "import mailvox_dev", check=False)
    assert "No module named 'mailvox_dev'" in missing, missing


def test_the_gpu_profile_validates(tmp_path):
    require_docker(publishes=False)  # `config` alone: it starts nothing
    copy_checkout(tmp_path)
    shutil.copy(tmp_path / "deploy/example.env", tmp_path / ".env")
    services = run("docker", "compose", "--profile", "gpu", "config", "--services", cwd=tmp_path).split()
    assert {"stt-gpu", "tts-gpu", "llm-gpu", "agent", "portal", "livekit"} <= set(services)
