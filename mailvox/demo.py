"""`mailvox demo`: the whole stack on this box, on 127.0.0.1.

livekit-server, a Dovecot demo mailbox seeded with a realistic inbox, an SMTP server that keeps
what it receives, the three model services and the agent worker. Stops on Ctrl-C.
"""

from __future__ import annotations

import secrets
import signal
import threading
from pathlib import Path

import yaml

from mailvox.devservers.dovecot import DovecotServer, MailUser
from mailvox.devservers.livekit import LiveKitServer
from mailvox.devservers.smtp import SMTPServer
from mailvox.devservers.stack import AgentWorker, ModelService
from mailvox.settings import LiveKitSettings, mailvox_home
from mailvox.tokens import user_token

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_MAILBOX = REPO_ROOT / "deploy" / "demo-mailbox"
DEMO_IDENTITY = "demo"
DEMO_IMAP_PORT, DEMO_SIEVE_PORT, DEMO_SMTP_PORT = 1143, 4190, 1025
SERVICE_PORTS = {"stt": 8301, "tts": 8302, "llm": 8303}


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


def run(log=print) -> None:
    run_dir = mailvox_home() / "demo"
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
            imap_port=DEMO_IMAP_PORT,
            sieve_port=DEMO_SIEVE_PORT,
        )
        dovecot.start()
        started.append(dovecot)
        log(f"    seeded {dovecot.seed(DEMO_IDENTITY, DEMO_MAILBOX)} messages")
        log("==> SMTP server (what MailVox sends is kept in demo/outbox)")
        smtp = SMTPServer(spool_dir=run_dir / "outbox", port=DEMO_SMTP_PORT)
        smtp.start()
        started.append(smtp)
        accounts_file = run_dir / "accounts.yaml"
        write_accounts(accounts_file, dovecot, smtp, password_file)

        log("==> livekit-server")
        server = LiveKitServer(run_dir / "livekit", livekit, fixed_ports=True)
        server.start()
        started.append(server)

        services = {}
        for name, port in SERVICE_PORTS.items():
            log(f"==> {name} service on :{port}")
            services[name] = ModelService(name, logs, port=port)
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
            f"  token for the demo user (15 minutes): {user_token(DEMO_IDENTITY, livekit)}\n"
            "Or, without a microphone: `mailvox call` (hear the greeting) or\n"
            "  `mailvox call --say 'how many emails do I have'`.\n"
            f"Logs: {logs}   IMAP: 127.0.0.1:{DEMO_IMAP_PORT} user {DEMO_IDENTITY}, "
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
