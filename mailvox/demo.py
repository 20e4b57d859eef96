"""`mailvox demo`: the whole stack on this box, on 127.0.0.1.

livekit-server, a Dovecot demo mailbox seeded with a realistic inbox, an SMTP server that keeps
what it receives, the three model services and the agent worker. Stops on Ctrl-C.
"""

from __future__ import annotations

import functools
import secrets
import signal
import threading
from pathlib import Path
from typing import ClassVar

import yaml
from pydantic_settings import SettingsConfigDict

from mailvox.devservers.dovecot import DovecotServer, MailUser
from mailvox.devservers.livekit import LiveKitServer
from mailvox.devservers.smtp import SMTPServer
from mailvox.devservers.stack import AgentWorker, ModelService
from mailvox.settings import LiveKitSettings, MailvoxSettings, mailvox_home
from mailvox.tokens import user_token

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_MAILBOX = REPO_ROOT / "deploy" / "demo-mailbox"
DEMO_IDENTITY = "demo"


class DemoSettings(MailvoxSettings):
    yaml_section: ClassVar[str] = "demo"
    model_config = SettingsConfigDict(env_prefix="MAILVOX_DEMO_", extra="ignore")

    run_dir: Path = mailvox_home() / "demo"
    # Fixed, documented ports by default; free ones when several stacks share a box (tests).
    free_ports: bool = False
    imap_port: int = 1143
    sieve_port: int = 4190
    smtp_port: int = 1025
    stt_port: int = 8301
    tts_port: int = 8302
    llm_port: int = 8303

    def port(self, fixed: int) -> int | None:
        return None if self.free_ports else fixed


def write_accounts(path: Path, dovecot: DovecotServer, smtp: SMTPServer, password_file: Path) -> None:
    accounts = {
        "accounts": {
            DEMO_IDENTITY: {
                "address": "alex@northwind.example",
                "display_name": "Alex Morgan",
                "username": DEMO_IDENTITY,
                "password_file": str(password_file),
                "imap": {"host": dovecot.host, "port": dovecot.imap_port, "security": "none"},
                "smtp": {"host": smtp.host, "port": smtp.port, "security": "none"},
            }
        }
    }
    path.write_text(yaml.safe_dump(accounts))


def run(log=functools.partial(print, flush=True)) -> None:
    settings = DemoSettings()
    run_dir = settings.run_dir
    logs = run_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    livekit = LiveKitSettings()
    password = secrets.token_urlsafe(12)
    password_file = run_dir / "demo-password"
    password_file.write_text(password)
    password_file.chmod(0o600)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    started: list = []
    try:
        log("==> Dovecot demo mailbox")
        dovecot = DovecotServer(
            [MailUser(DEMO_IDENTITY, password)],
            imap_port=settings.port(settings.imap_port),
            sieve_port=settings.port(settings.sieve_port),
        )
        dovecot.start()
        started.append(dovecot)
        log(f"    seeded {dovecot.seed(DEMO_IDENTITY, DEMO_MAILBOX)} messages")
        log("==> SMTP server (what MailVox sends is kept in demo/outbox)")
        smtp = SMTPServer(spool_dir=run_dir / "outbox", port=settings.port(settings.smtp_port))
        smtp.start()
        started.append(smtp)
        accounts_file = run_dir / "accounts.yaml"
        write_accounts(accounts_file, dovecot, smtp, password_file)

        log("==> livekit-server")
        server = LiveKitServer(run_dir / "livekit", livekit, fixed_ports=not settings.free_ports)
        server.start()
        started.append(server)
        livekit = livekit.model_copy(update={"url": server.url})

        services = {}
        fixed = {"stt": settings.stt_port, "tts": settings.tts_port, "llm": settings.llm_port}
        for name, port in fixed.items():
            services[name] = ModelService(name, logs, port=settings.port(port))
            log(f"==> {name} service on :{services[name].port}")
            services[name].start()
            started.append(services[name])

        log("==> agent worker")
        worker = AgentWorker(logs, livekit, services, accounts_file)
        worker.start()
        started.append(worker)

        log(
            "\nMailVox is up. Connect any LiveKit client:\n"
            f"  LIVEKIT_URL={livekit.url}\n"
            f"  LIVEKIT_API_KEY={livekit.api_key}\n"
            f"  LIVEKIT_API_SECRET={livekit.api_secret}\n"
            f"  a token for the demo user (15 minutes, a room of its own): {user_token(DEMO_IDENTITY, livekit)}\n"
            "Or, without a microphone: `mailvox call` (hear the greeting) or\n"
            "  `mailvox call --say 'yes'` (hear the briefing begin).\n"
            f"Logs: {logs}   IMAP: 127.0.0.1:{dovecot.imap_port} user {DEMO_IDENTITY}, "
            f"password in {password_file}\n"
            "Ctrl-C stops everything."
        )
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        log("stopping...")
        for part in reversed(started):
            part.stop()
