"""The dev tools' `mailvox` commands, `demo` and `bench`, registered through the
`mailvox.commands` entry points (see devtools/pyproject.toml)."""

from __future__ import annotations

import argparse
import functools
from pathlib import Path


def _demo(args: argparse.Namespace) -> int:
    from mailvox_dev import demo

    demo.run(mail_only=args.mail_only)
    return 0


def _profile_models(profile: str) -> dict[str, str]:
    from mailvox.models import catalog

    return {role: catalog.model_for(role, profile).name for role in ("stt", "tts", "llm")}


def _bench_stages(args: argparse.Namespace) -> dict:
    """Measure the running services, or start them (with the configured models) for the run."""
    import tempfile
    import urllib.request

    from mailvox.agent.settings import AgentSettings
    from mailvox_dev.bench import stages
    from mailvox_dev.devservers.stack import ModelService

    configured = AgentSettings()
    urls = {"stt": configured.stt_url, "tts": configured.tts_url, "llm": configured.llm_url.removesuffix("/v1")}
    if args.only:
        urls = {args.only: urls[args.only]}
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
        return stages.run(urls, args.sessions, args.runs, _profile_models(args.profile), only=args.only)
    finally:
        for service in started:
            service.stop()


def _bench(args: argparse.Namespace) -> int:
    if args.benchmark == "gpu-check":
        from mailvox_dev.bench import gpu_check

        return gpu_check.main_with(args)
    if args.benchmark == "inbox":
        from mailvox_dev.bench import inbox

        result = inbox.run(
            args.sizes or [1000, 10000, 100000],
            repeats=args.repeats,
            spoken_rounds=args.rounds if args.spoken else 0,
            models=_profile_models(args.profile),
            save=functools.partial(_write_json, args.json),
        )
    elif args.benchmark == "e2e":
        from mailvox_dev.bench import e2e

        result = e2e.run(
            args.sessions,
            args.turns or 36,
            _profile_models(args.profile),
            save=functools.partial(_write_json, args.json),
        )
    elif args.benchmark == "peers":
        from mailvox_dev.bench import peers

        result = peers.run(args.rounds, _profile_models("cpu"), lines=args.lines)
    elif args.benchmark == "soak":
        from mailvox_dev.bench import soak

        result = soak.run(
            args.turns or soak.DRIVE_MINUTES * 60 // soak.SECONDS_PER_REQUEST,
            _profile_models("cpu"),
            save=functools.partial(_write_json, args.json),
        )
    elif args.benchmark == "reliability":
        from mailvox_dev.bench import reliability

        result = reliability.run(
            args.conditions or list(reliability.CONDITIONS),
            _profile_models("cpu"),
            save=functools.partial(_write_json, args.json),
        )
    elif args.benchmark == "understanding" and args.pauses:
        from mailvox_dev.bench import pauses

        result = pauses.run(save=functools.partial(_write_json, args.json))
    elif args.benchmark == "noise":
        import json

        from mailvox_dev.bench import noise

        earlier = json.loads(args.json.read_text()) if args.parts and args.json.exists() else None
        result = noise.run(
            args.noise_minutes,
            args.waits,
            tuple(args.parts or noise.PARTS),
            earlier,
            save=functools.partial(_write_json, args.json),
        )
    elif args.benchmark == "understanding":
        from mailvox_dev.bench import understanding

        result = understanding.run()
    elif args.benchmark == "injection":
        from mailvox_dev.bench import injection

        result = injection.run()
        if failures := injection.safety_failures(result):
            _write_json(args.json, result)
            print("the product did what it must never do:", *failures, sep="\n  ")
            return 1
    else:
        result = _bench_stages(args)
    _write_json(args.json, result)
    print(f"wrote {args.json}")
    return 0


def _write_json(path: Path, result: dict) -> None:
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")


def add_demo(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", help="bring up the whole stack with the demo mailbox")
    p.add_argument("--mail-only", action="store_true", help="only the demo IMAP and SMTP servers (the compose demo)")
    p.set_defaults(func=_demo)


def add_bench(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("bench", help="run a benchmark and write its figures as JSON")
    p.add_argument(
        "benchmark",
        choices=["inbox", "stages", "e2e", "peers", "reliability", "soak", "understanding", "injection", "noise"]
        + ["gpu-check"],
    )
    p.add_argument("--json", type=Path, required=True, help="where to write the results")
    p.add_argument("--sizes", type=int, nargs="*", help="mailbox sizes (inbox)")
    p.add_argument("--repeats", type=int, default=5, help="runs per mailbox size (inbox)")
    p.add_argument(
        "--spoken",
        action="store_true",
        help="inbox: then ask the questions in a call through livekit-server, for each size (--rounds times)",
    )
    p.add_argument("--sessions", type=int, nargs="*", default=[1, 4, 16], help="concurrency levels (stages, e2e)")
    p.add_argument(
        "--turns",
        type=int,
        help="spoken turns (e2e: per level, shared by its callers, default 36; "
        "soak: default 270, a 90-minute drive with a request every 20 s)",
    )
    p.add_argument("--runs", type=int, default=16, help="measurements per level (stages)")
    p.add_argument("--only", choices=["stt"], help="stages: the STT stage alone, with several commands")
    p.add_argument("--rounds", type=int, default=3, help="times through the spoken script (peers, inbox --spoken)")
    p.add_argument("--lines", type=int, default=12, help="lines of the spoken script to use (peers)")
    p.add_argument("--profile", default="cpu", help="the model profile the services run (stages)")
    p.add_argument("--conditions", nargs="*", help="network conditions and faults (reliability; default: all)")
    p.add_argument(
        "--pauses",
        action="store_true",
        help="understanding: requests spoken with a pause inside, through livekit-server (false cut-offs)",
    )
    p.add_argument("--noise-minutes", type=float, default=10.0, help="agent talking over road noise (noise)")
    p.add_argument("--waits", type=int, default=5, help="times a driver says 'wait' over noise and echo (noise)")
    p.add_argument(
        "--parts", nargs="*", help="cost, chain, recognition, live (noise; default all, over the file's figures)"
    )
    from mailvox_dev.bench import gpu_check  # the standard library alone: cheap to import

    gpu_check.add_arguments(p)
    p.set_defaults(func=_bench)
