"""A real Dovecot (IMAP + ManageSieve) in a temp directory, on 127.0.0.1 with free ports.

Users live in a passwd-file; mail in Maildirs seeded from a folder of .eml files laid out as
``<seed>/<Folder>/{unread,read}/*.eml`` (``INBOX``, ``Archive``...).
"""

from __future__ import annotations

import email
import email.utils
import grp
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .certs import TestCertificates
from .process import ManagedProcess, free_port, tcp_open

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
LDA = "/usr/lib/dovecot/dovecot-lda"

CONFIG = """\
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
protocols = imap sieve
listen = {listen}
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login{oauth_mechanisms}
first_valid_uid = {uid}
{login_users}
mail_location = {mail_location}
{oauth_passdb}passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {base}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {base}/users
}}
service imap-login {{
  inet_listener imap {{
    address = {listen}
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = {listen}
    port = {imaps_port}
  }}
}}
service managesieve-login {{
  inet_listener sieve {{
    address = {listen}
    port = {sieve_port}
  }}
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
  mailbox Archive {{
    special_use = \\Archive
    auto = subscribe
  }}
  mailbox Junk {{
    special_use = \\Junk
    auto = subscribe
  }}
}}
protocol imap {{
  mail_max_userip_connections = 50
}}
protocol lda {{
  mail_plugins = $mail_plugins sieve
}}
postmaster_address = postmaster@mailvox.invalid
lda_mailbox_autocreate = yes
plugin {{
  sieve = file:{base}/sieve/%u;active={base}/sieve/%u.active.sieve
}}
{extra_config}
"""


@dataclass
class MailUser:
    name: str
    password: str


class DovecotServer:
    def __init__(
        self,
        users: list[MailUser],
        imap_port: int | None = None,
        sieve_port: int | None = None,
        certificates: TestCertificates | None = None,
        oauth_introspection_url: str | None = None,
        extra_config: str = "",
        storage: str = "maildir",
        listen: str = "127.0.0.1",  # "*" in the compose demo, where the agent is another container
        base: Path | None = None,  # the compose demo keeps its mailbox in the volume, across restarts
    ) -> None:
        # Dovecot's own processes run as other users (dovecot, mail), so its directory must be
        # reachable by them: a fresh one under the system temp dir, not inside a 0700 home.
        self.kept = base is not None  # a given base outlives the server; a temporary one does not
        if base is None:
            self.base = Path(tempfile.mkdtemp(prefix="mailvox-dovecot-"))
        else:
            self.base = base
            self.base.mkdir(parents=True, exist_ok=True)
        self.base.chmod(0o755)
        self.users = users
        self.imap_port = imap_port or free_port()
        self.sieve_port = sieve_port or free_port()
        # With certificates: IMAPS on its own port and STARTTLS on the IMAP port.
        self.certificates = certificates
        self.imaps_port = free_port() if certificates else 0
        # With an introspection URL, XOAUTH2/OAUTHBEARER logins are checked against it.
        self.oauth_introspection_url = oauth_introspection_url
        self.extra_config = extra_config
        # maildir: files the tests can drop mail into; mdbox: Dovecot's indexed storage, as
        # large servers use (filled with import_maildir)
        self.mail_location = {"maildir": "maildir:~/Maildir", "mdbox": "mdbox:~/mdbox"}[storage]
        self.host = "127.0.0.1"
        self.listen = listen
        if os.geteuid() == 0:
            # Login processes refuse root; mail belongs to a real non-root account.
            account = pwd.getpwnam("mail")
            login_users = ""
        else:
            account = pwd.getpwuid(os.geteuid())
            # and its sockets' group is the user's own, not `dovecot`, which a user cannot give away
            group = grp.getgrgid(account.pw_gid).gr_name
            # and chroot is root's alone: the login and anvil processes run where they are
            login_users = (
                f"default_login_user = {account.pw_name}\ndefault_internal_user = {account.pw_name}\n"
                f"default_internal_group = {group}\n"
                "service anvil {\n  chroot =\n}\nservice imap-login {\n  chroot =\n}\n"
                "service managesieve-login {\n  chroot =\n}"
            )
        self.uid, self.gid = account.pw_uid, account.pw_gid
        self._login_users = login_users
        self._process: ManagedProcess | None = None

    def home(self, user: str) -> Path:
        return self.base / "home" / user

    def maildir(self, user: str, folder: str = "INBOX") -> Path:
        root = self.home(user) / "Maildir"
        return root if folder.upper() == "INBOX" else root / f".{folder.replace('/', '.')}"

    def start(self) -> None:
        # A kept base (the compose demo) holds the last run's sockets, which Dovecot cannot take over.
        shutil.rmtree(self.base / "run", ignore_errors=True)
        for sub in ("run", "state", "sieve", "home"):
            (self.base / sub).mkdir(parents=True, exist_ok=True)
        self._write_users()
        conf = self.base / "dovecot.conf"
        conf.write_text(
            CONFIG.format(
                base=self.base,
                listen=self.listen,
                uid=self.uid,
                login_users=self._login_users,
                imap_port=self.imap_port,
                imaps_port=self.imaps_port,
                sieve_port=self.sieve_port,
                extra_config=self.extra_config,
                mail_location=self.mail_location,
                oauth_mechanisms=" xoauth2 oauthbearer" if self.oauth_introspection_url else "",
                oauth_passdb=self._oauth_passdb(),
                ssl=(
                    f"ssl = yes\nssl_cert = <{self.certificates.cert}\nssl_key = <{self.certificates.key}"
                    if self.certificates
                    else "ssl = no"
                ),
            )
        )
        self._chown()
        self._process = ManagedProcess("dovecot", [DOVECOT, "-F", "-c", str(conf)], self.base / "dovecot.stdout.log")
        self._process.start(lambda: tcp_open(self.imap_port) and tcp_open(self.sieve_port), timeout=30)

    def _write_users(self) -> None:
        lines = [f"{u.name}:{{PLAIN}}{u.password}:{self.uid}:{self.gid}::{self.home(u.name)}" for u in self.users]
        (self.base / "users").write_text("\n".join(lines) + "\n")
        for u in self.users:
            for sub in ("cur", "new", "tmp"):
                self.maildir(u.name).joinpath(sub).mkdir(parents=True, exist_ok=True)
        self._chown()

    def add_user(self, user: MailUser) -> None:
        """A new user on the running server.

        Dovecot re-reads a changed passwd-file, but checks at most once a second: waiting for
        the next second makes sure the following login sees the new user.
        """
        self.users.append(user)
        self._write_users()
        time.sleep(1.0 - time.time() % 1.0 + 0.01)

    def _oauth_passdb(self) -> str:
        if not self.oauth_introspection_url:
            return ""
        settings = self.base / "oauth2.conf.ext"
        settings.write_text(
            "introspection_mode = post\n"
            f"introspection_url = {self.oauth_introspection_url}\n"
            "username_attribute = username\n"
            "active_attribute = active\n"
            "active_value = true\n"
            "force_introspection = yes\n"
        )
        return f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {settings}\n}}\n"

    def seed(self, user: str, seed_dir: Path) -> int:
        """Copy .eml files into the user's Maildirs; returns how many messages were added."""
        added = 0
        for folder_dir in sorted(p for p in seed_dir.iterdir() if p.is_dir()):
            target = self.maildir(user, folder_dir.name)
            for sub in ("cur", "new", "tmp"):
                (target / sub).mkdir(parents=True, exist_ok=True)
            for state, flags in (("unread", ""), ("read", "S")):
                for n, eml in enumerate(sorted((folder_dir / state).glob("*.eml"))):
                    added += 1
                    self.deliver(user, eml.read_bytes(), folder_dir.name, flags, f"{eml.stem}.{n}")
        self._chown()
        return added

    def deliver(self, user: str, raw: bytes, folder: str = "INBOX", flags: str = "", unique: str = "") -> Path:
        """Drop one message into a Maildir, dated by its Date header (Dovecot's INTERNALDATE)."""
        target = self.maildir(user, folder) / "cur"
        target.mkdir(parents=True, exist_ok=True)
        unique = unique or f"{os.getpid()}.{len(list(target.iterdir()))}"
        path = target / f"{unique}.mailvox:2,{flags}"
        path.write_bytes(raw)
        date = email.message_from_bytes(raw).get("Date")
        parsed = email.utils.parsedate_to_datetime(date) if date else None
        if parsed is not None:
            os.utime(path, (parsed.timestamp(), parsed.timestamp()))
        if os.geteuid() == 0:
            os.chown(path, self.uid, self.gid)
        return path

    def deliver_lda(self, user: str, raw: bytes) -> None:
        """Deliver as a mail server would, through dovecot-lda: the user's Sieve rules run."""
        result = subprocess.run(
            [LDA, "-c", str(self.base / "dovecot.conf"), "-d", user],
            input=raw,
            capture_output=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"dovecot-lda exited {result.returncode}: {result.stderr.decode(errors='replace')}")

    def import_maildir(self, user: str) -> None:
        """Import the user's Maildir (used as a staging area) into the configured storage."""
        conf = str(self.base / "dovecot.conf")
        source = f"maildir:{self.home(user)}/Maildir"
        result = subprocess.run(
            ["doveadm", "-c", conf, "import", "-u", user, source, "", "ALL"], capture_output=True, text=True
        )
        if result.returncode != 0:
            raise RuntimeError(f"doveadm import exited {result.returncode}: {result.stderr[-500:]}")
        shutil.rmtree(self.home(user) / "Maildir", ignore_errors=True)

    def _chown(self) -> None:
        if os.geteuid() != 0:
            return
        for sub in ("home", "sieve"):
            for dirpath, _, files in os.walk(self.base / sub):
                os.chown(dirpath, self.uid, self.gid)
                for f in files:
                    os.chown(os.path.join(dirpath, f), self.uid, self.gid)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def stop(self, remove: bool = True) -> None:
        if self._process is not None:
            self._process.stop()
            self._process = None
        if remove and not self.kept:
            shutil.rmtree(self.base, ignore_errors=True)

    def restart(self) -> None:
        self.stop(remove=False)
        self.start()

    def log(self) -> str:
        path = self.base / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    @staticmethod
    def version() -> str:
        return subprocess.run([DOVECOT, "--version"], capture_output=True, text=True).stdout.strip()
