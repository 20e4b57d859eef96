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

from mailvox.services.portal.users import UsersFile
from mailvox.settings import LiveKitSettings, MailvoxSettings, mailvox_home
from mailvox.tokens import user_token
from mailvox_dev import REPO_ROOT
from mailvox_dev.devservers.dovecot import DovecotServer, MailUser
from mailvox_dev.devservers.livekit import LiveKitServer
from mailvox_dev.devservers.smtp import SMTPServer
from mailvox_dev.devservers.stack import AgentWorker, ModelService

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
    portal_port: int = 8300
    # The compose demo runs only the mail servers in their own container (`--mail-only`),
    # listening on every address, with the password the agent's container is given too.
    listen: str = "127.0.0.1"
    mail_password: str | None = None

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


def start_mail(
    settings: DemoSettings, run_dir: Path, password: str, started: list, log, keep: bool = False
) -> tuple[DovecotServer, SMTPServer]:
    """With `keep` (the compose demo), the mailbox lives in run_dir and is seeded only once, so
    what the user did (drafts, read flags) is still there after a restart."""
    log("==> Dovecot demo mailbox")
    dovecot = DovecotServer(
        [MailUser(DEMO_IDENTITY, password)],
        imap_port=settings.port(settings.imap_port),
        sieve_port=settings.port(settings.sieve_port),
        listen="*" if settings.listen == "0.0.0.0" else settings.listen,
        base=run_dir / "mailstore" if keep else None,
    )
    seeded = keep and any(dovecot.maildir(DEMO_IDENTITY).glob("*/*"))
    dovecot.start()
    started.append(dovecot)
    if seeded:
        log("    the mailbox from the last start, as it was left")
    else:
        log(f"    seeded {dovecot.seed(DEMO_IDENTITY, DEMO_MAILBOX)} messages")
    log("==> SMTP server (what MailVox sends is kept in demo/outbox)")
    smtp = SMTPServer(spool_dir=run_dir / "outbox", port=settings.port(settings.smtp_port), listen=settings.listen)
    smtp.start()
    started.append(smtp)
    return dovecot, smtp


PRINT = functools.partial(print, flush=True)


def run(log=PRINT, mail_only: bool = False) -> None:
    settings = DemoSettings()
    run_dir = settings.run_dir
    logs = run_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    livekit = LiveKitSettings()
    password = settings.mail_password or secrets.token_urlsafe(12)
    password_file = run_dir / "demo-password"
    password_file.write_text(password)
    password_file.chmod(0o600)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    started: list = []
    try:
        dovecot, smtp = start_mail(settings, run_dir, password, started, log, keep=mail_only)
        if mail_only:
            log(f"\nThe demo mail servers are up: IMAP :{dovecot.imap_port}, SMTP :{smtp.port}. Ctrl-C stops them.")
            stop.wait()
            return
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

        users_file = run_dir / "portal-users.yaml"
        UsersFile(users_file).add(DEMO_IDENTITY, password)
        portal = ModelService(
            "portal",
            logs,
            port=settings.port(settings.portal_port),
            env={
                "MAILVOX_PORTAL_USERS_FILE": str(users_file),
                "LIVEKIT_URL": livekit.url,
                "LIVEKIT_API_KEY": livekit.api_key,
                "LIVEKIT_API_SECRET": livekit.api_secret,
            },
        )
        log(f"==> web portal on :{portal.port}")
        portal.start()
        started.append(portal)

        log(
            f"\nMailVox is up. Open {portal.url} and log in as {DEMO_IDENTITY}, password {password}\n"
            "(a browser on this box: the page needs a microphone, and localhost counts as secure).\n"
            "Or connect any LiveKit client:\n"
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
