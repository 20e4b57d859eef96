"""The `mailvox` command."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from importlib.metadata import entry_points
from pathlib import Path


def _models(args: argparse.Namespace) -> int:
    from mailvox.models import catalog, transfer

    if args.action == "pack":
        index = transfer.pack(args.profile, args.bundle)
        print(f"packed {', '.join(index['models'])} into {args.bundle}")
        return 0
    if args.action == "unpack":
        print(f"installed {', '.join(transfer.unpack(args.bundle))}")
        return 0
    models = catalog.profile_models(args.profile)
    if args.action == "list":
        for m in models:
            print(f"{m.name:28} {m.role:4} {m.license:11} {m.description}")
        return 0
    if args.action == "pins":
        for m in models:
            for f in m.files:
                print(f"{m.name}/{f.path}: {catalog.expected_sha256(m, f) or 'not fetched yet'}")
        return 0
    failed = False
    for m in models:
        if args.action in ("prepare", "fetch"):
            print(f"==> {m.name}")
            if args.action == "prepare":
                catalog.prepare(m)
            else:
                transfer.fetch(m)
        problems = catalog.verify(m)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        failed |= bool(problems)
        print(f"  {m.name}: {'PROBLEM' if problems else 'ok'} ({m.directory()})")
    return 1 if failed else 0


def _serve(args: argparse.Namespace) -> int:
    import importlib

    from mailvox.services import SERVICE_MODULES

    importlib.import_module(SERVICE_MODULES[args.service]).main()
    return 0


def _check_mail(args: argparse.Namespace) -> int:
    from mailvox.agent.settings import AgentSettings
    from mailvox.checkmail import check_mail

    accounts_file = args.accounts_file or AgentSettings().accounts_file
    return 0 if asyncio.run(check_mail(args.user, accounts_file)) else 1


def _audit(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict
    from datetime import datetime

    from mailvox.agent.mail.accounts import account_for
    from mailvox.agent.mail.audit import AuditTrail
    from mailvox.agent.mail.errors import MailConfigError
    from mailvox.agent.settings import AgentSettings

    settings = AgentSettings()
    try:
        account = account_for(args.user, args.accounts_file or settings.accounts_file)
        since = datetime.fromisoformat(args.since).astimezone() if args.since else None
    except (MailConfigError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    for record in AuditTrail.in_state_dir((args.state_dir or settings.state_dir) / account.identity).records(since):
        print(json.dumps(asdict(record), ensure_ascii=False))
    return 0


def _portal_user(args: argparse.Namespace) -> int:
    import getpass

    from mailvox.services.portal.settings import PortalSettings
    from mailvox.services.portal.users import UsersFile

    path = args.users_file or PortalSettings().users_file
    if path is None:
        print("Name the users file with --users-file or MAILVOX_PORTAL_USERS_FILE.", file=sys.stderr)
        return 2
    password = (
        sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(f"Password for {args.username}: ")
    )
    UsersFile(path).add(args.username, password)
    print(f"{args.username} can log in (hash written to {path}).")
    return 0


def _agent(args: argparse.Namespace) -> int:
    from mailvox.agent.worker import main

    main(args.worker_args or ["start"])
    return 0


def _token(args: argparse.Namespace) -> int:
    from mailvox.settings import LiveKitSettings
    from mailvox.tokens import user_token

    print(user_token(args.identity, LiveKitSettings()))
    return 0


def _secrets(args: argparse.Namespace) -> int:
    from mailvox.settings import KnownSecretError
    from mailvox.stack_secrets import init_secrets, secrets_dir

    try:
        origin = init_secrets()
    except KnownSecretError as error:
        print(error, file=sys.stderr)
        return 1
    for name, where in origin.items():
        print(f"{name}: {where}")
    print(f"secrets in {secrets_dir()}")
    return 0


def _call(args: argparse.Namespace) -> int:
    from mailvox.call import call

    code = asyncio.run(call(args.identity, args.say, args.wav))
    # The call is over and the room left. Exit now: while Python shuts down, the LiveKit SDK's
    # native threads can call back into it and abort the process (a Rust panic, SIGABRT) after a
    # call that went well (seen twice in 2 full test runs here, Dec 2026).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _understand(args: argparse.Namespace) -> int:
    import json

    from mailvox.agent.conversation.understanding import understand

    for text in args.text:
        intent = understand(text)
        slots = intent.slots.as_dict()
        if args.json:
            print(json.dumps({"text": text, "intent": intent.name, "slots": slots, "confidence": intent.confidence}))
        else:
            said = " ".join(f"{name}={value!r}" for name, value in slots.items())
            print(f"{intent.name:12} {intent.confidence:.2f} {intent.source:7} {said}".rstrip())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mailvox", description="On-premises voice assistant for email")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("models", help="list, prepare, fetch, verify, pack or unpack models")
    p.add_argument("action", choices=["list", "prepare", "fetch", "verify", "pins", "pack", "unpack"])
    p.add_argument("profile", nargs="?", default="cpu")
    p.add_argument("--bundle", type=Path, help="the offline bundle (.tar) for pack and unpack")
    p.set_defaults(func=_models)

    p = sub.add_parser("serve", help="run one service: a model service or the web portal")
    p.add_argument("service", choices=["stt", "tts", "llm", "portal"])
    p.set_defaults(func=_serve)

    p = sub.add_parser("check-mail", help="try a user's mail configuration step by step and say what is wrong")
    p.add_argument("user", help="the identity (login name) in the accounts file")
    p.add_argument("--accounts-file", type=Path, help="default: MAILVOX_AGENT_ACCOUNTS_FILE")
    p.set_defaults(func=_check_mail)

    p = sub.add_parser("audit", help="print what a user did to their mail by voice (JSON lines, oldest first)")
    p.add_argument("user", help="the identity (login name) in the accounts file")
    p.add_argument("--accounts-file", type=Path, help="default: MAILVOX_AGENT_ACCOUNTS_FILE")
    p.add_argument("--state-dir", type=Path, help="default: MAILVOX_AGENT_STATE_DIR")
    p.add_argument("--since", help="only records at or after this ISO date or time (local time unless it names one)")
    p.set_defaults(func=_audit)

    p = sub.add_parser("portal-user", help="add or change a portal login (argon2 hash in the users file)")
    p.add_argument("username")
    p.add_argument("--users-file", type=Path)
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(func=_portal_user)

    p = sub.add_parser("agent", help="run the LiveKit agent worker (default: start)")
    p.add_argument("worker_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=_agent)

    p = sub.add_parser("token", help="print a LiveKit token that dispatches the agent")
    p.add_argument("identity", nargs="?", default="demo")
    p.set_defaults(func=_token)

    p = sub.add_parser("secrets", help="make the stack's secrets at its first start (random; never a known one)")
    p.add_argument("action", choices=["init"])
    p.set_defaults(func=_secrets)

    p = sub.add_parser("call", help="join as a user, hear the agent (and optionally say something)")
    p.add_argument("identity", nargs="?", default="demo")
    p.add_argument("--say", help="text to speak to the agent (synthesized with Piper)")
    p.add_argument("--wav", type=Path, help="a 16 kHz mono WAV to speak to the agent")
    p.set_defaults(func=_call)

    p = sub.add_parser("understand", help="print the intent, slots and confidence of each text (no server needed)")
    p.add_argument("text", nargs="+", help="what a caller might say")
    p.add_argument("--json", action="store_true", help="one JSON object per line: text, intent, slots, confidence")
    p.set_defaults(func=_understand)

    # Commands of the source checkout's dev tools (`mailvox demo`, `mailvox bench`), when installed.
    for command in entry_points(group="mailvox.commands"):
        command.load()(sub)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
