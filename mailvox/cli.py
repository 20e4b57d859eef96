"""The `mailvox` command."""

from __future__ import annotations

import argparse
import asyncio
import functools
import sys
from pathlib import Path


def _models(args: argparse.Namespace) -> int:
    from models import catalog, transfer

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

    from mailvox.devservers.stack import SERVICE_MODULES

    importlib.import_module(SERVICE_MODULES[args.service]).main()
    return 0


def _check_mail(args: argparse.Namespace) -> int:
    from agent.settings import AgentSettings
    from mailvox.checkmail import check_mail

    accounts_file = args.accounts_file or AgentSettings().accounts_file
    return 0 if asyncio.run(check_mail(args.user, accounts_file)) else 1


def _portal_user(args: argparse.Namespace) -> int:
    import getpass

    from services.portal.settings import PortalSettings
    from services.portal.users import UsersFile

    path = args.users_file or PortalSettings().users_file
    if path is None:
        print("Name the users file with --users-file or MAILVOX_PORTAL_USERS_FILE.", file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(f"Password for {args.username}: ")
    UsersFile(path).add(args.username, password)
    print(f"{args.username} can log in (hash written to {path}).")
    return 0


def _agent(args: argparse.Namespace) -> int:
    from agent.worker import main

    main(args.worker_args or ["start"])
    return 0


def _demo(args: argparse.Namespace) -> int:
    from mailvox import demo

    demo.run(mail_only=args.mail_only)
    return 0


def _token(args: argparse.Namespace) -> int:
    from mailvox.settings import LiveKitSettings
    from mailvox.tokens import user_token

    print(user_token(args.identity, LiveKitSettings()))
    return 0


def _call(args: argparse.Namespace) -> int:
    from mailvox.call import call

    return asyncio.run(call(args.identity, args.say, args.wav))


def _profile_models(profile: str) -> dict[str, str]:
    from models import catalog

    return {role: catalog.model_for(role, profile).name for role in ("stt", "tts", "llm")}


def _bench_stages(args: argparse.Namespace) -> dict:
    """Measure the running services, or start them (with the configured models) for the run."""
    import tempfile
    import urllib.request

    from agent.settings import AgentSettings
    from mailvox.bench import stages
    from mailvox.devservers.stack import ModelService

    configured = AgentSettings()
    urls = {"stt": configured.stt_url, "tts": configured.tts_url, "llm": configured.llm_url.removesuffix("/v1")}
    started = []
    try:
        for name, url in urls.items():
            try:
                urllib.request.urlopen(f"{url}/ready", timeout=2)
            except OSError:
                service = ModelService(name, Path(tempfile.mkdtemp(prefix="mailvox-bench-")))
                print(f"starting the {name} service for the run")
                service.start()
                started.append(service)
                urls[name] = service.url
        return stages.run(urls, args.sessions, args.runs, _profile_models(args.profile))
    finally:
        for service in started:
            service.stop()


def _bench(args: argparse.Namespace) -> int:
    if args.benchmark == "inbox":
        from mailvox.bench import inbox

        result = inbox.run(args.sizes or [1000, 10000, 100000], repeats=args.repeats)
    elif args.benchmark == "e2e":
        from mailvox.bench import e2e

        result = e2e.run(args.sessions, args.turns or 36, _profile_models(args.profile), save=functools.partial(_write_json, args.json))
    elif args.benchmark == "peers":
        from mailvox.bench import peers

        result = peers.run(args.rounds, _profile_models("cpu"), lines=args.lines)
    elif args.benchmark == "soak":
        from mailvox.bench import soak

        result = soak.run(args.turns or soak.DRIVE_MINUTES * 60 // soak.SECONDS_PER_REQUEST, _profile_models("cpu"),
                          save=functools.partial(_write_json, args.json))
    elif args.benchmark == "reliability":
        from mailvox.bench import reliability

        result = reliability.run(args.conditions or list(reliability.CONDITIONS), _profile_models("cpu"),
                                 save=functools.partial(_write_json, args.json))
    else:
        result = _bench_stages(args)
    _write_json(args.json, result)
    print(f"wrote {args.json}")
    return 0


def _write_json(path: Path, result: dict) -> None:
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")


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

    p = sub.add_parser("portal-user", help="add or change a portal login (argon2 hash in the users file)")
    p.add_argument("username")
    p.add_argument("--users-file", type=Path)
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(func=_portal_user)

    p = sub.add_parser("agent", help="run the LiveKit agent worker (default: start)")
    p.add_argument("worker_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=_agent)

    p = sub.add_parser("demo", help="bring up the whole stack with the demo mailbox")
    p.add_argument("--mail-only", action="store_true", help="only the demo IMAP and SMTP servers (the compose demo)")
    p.set_defaults(func=_demo)

    p = sub.add_parser("token", help="print a LiveKit token that dispatches the agent")
    p.add_argument("identity", nargs="?", default="demo")
    p.set_defaults(func=_token)

    p = sub.add_parser("call", help="join as a user, hear the agent (and optionally say something)")
    p.add_argument("identity", nargs="?", default="demo")
    p.add_argument("--say", help="text to speak to the agent (synthesized with Piper)")
    p.add_argument("--wav", type=Path, help="a 16 kHz mono WAV to speak to the agent")
    p.set_defaults(func=_call)

    p = sub.add_parser("bench", help="run a benchmark and write its figures as JSON")
    p.add_argument("benchmark", choices=["inbox", "stages", "e2e", "peers", "reliability", "soak"])
    p.add_argument("--json", type=Path, required=True, help="where to write the results")
    p.add_argument("--sizes", type=int, nargs="*", help="mailbox sizes (inbox)")
    p.add_argument("--repeats", type=int, default=5, help="runs per mailbox size (inbox)")
    p.add_argument("--sessions", type=int, nargs="*", default=[1, 4, 16], help="concurrency levels (stages, e2e)")
    p.add_argument("--turns", type=int, help="spoken turns (e2e: per level, shared by its callers, default 36; "
                                             "soak: default 270, a 90-minute drive with a request every 20 s)")
    p.add_argument("--runs", type=int, default=16, help="measurements per level (stages)")
    p.add_argument("--rounds", type=int, default=3, help="times through the spoken script (peers)")
    p.add_argument("--lines", type=int, default=12, help="lines of the spoken script to use (peers)")
    p.add_argument("--profile", default="cpu", help="the model profile the services run (stages)")
    p.add_argument("--conditions", nargs="*", help="network conditions and faults (reliability; default: all)")
    p.set_defaults(func=_bench)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
