"""`python -m mailvox_dev.bench.llm_engines BEFORE_TREE AFTER_TREE OUT.json`: two LLM services,
each started from its own source tree (a copy of the commit before a change, and this one), side
by side on this box. Issue 22 compared llama-cpp-python's server with llama-server this way
(bench/results/llm-engines-cpu.json).

Each of N sessions, at once, has its next prompt read ahead (one token, as
agent/prompt_warmup.py does), waits 1.5 s (the caller speaking) and asks its question (streamed,
24 tokens), 3 turns, the conversation growing each turn. The question's time to its first token
is what the caller waits on before the voice can start.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

EMAIL = (
    "Hi Alex, Finance moved the deadline up. Can you send me the final Q3 budget numbers for the platform "
    "team by Friday noon? I need the headcount line and the cloud spend split out. Thanks, Sarah. "
)
QUESTIONS = ["What does Sarah need from me?", "Is there anything urgent?", "Should I reply today?"]
TURNS = 3


def prompt(session: int, turn: int, question: str | None = None) -> list[dict]:
    instructions = f"You are caller {session}'s email assistant. Answer in one short sentence."
    messages = [{"role": "system", "content": f"{instructions} The email being heard:\n{EMAIL * 4} ({session})"}]
    for t in range(turn):
        messages += [
            {"role": "user", "content": QUESTIONS[t % 3]},
            {"role": "assistant", "content": "She needs the Q3 numbers by Friday noon."},
        ]
    return messages + ([{"role": "user", "content": question}] if question else [])


async def ask(client: httpx.AsyncClient, url: str, messages: list[dict], max_tokens: int) -> tuple[float, float]:
    """Seconds to the first streamed token and to the end of the answer."""
    started, first = time.perf_counter(), None
    body = {"model": "mailvox-llm", "messages": messages, "max_tokens": max_tokens, "temperature": 0, "stream": True}
    async with client.stream("POST", f"{url}/v1/chat/completions", json=body) as r:
        async for line in r.aiter_lines():
            if line.startswith("data: {") and json.loads(line[6:])["choices"][0].get("delta", {}).get("content"):
                first = first or time.perf_counter() - started
    total = time.perf_counter() - started
    return first or total, total


async def caller(client: httpx.AsyncClient, url: str, n: int, out: list[tuple[float, float]]) -> None:
    for turn in range(TURNS):
        await ask(client, url, prompt(n, turn), 1)  # the read-ahead after the agent's last answer
        await asyncio.sleep(1.5)  # the caller speaks
        out.append(await ask(client, url, prompt(n, turn, QUESTIONS[turn % 3]), 24))


def spread(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"median": round(statistics.median(ordered), 3), "p90": round(ordered[int(0.9 * (len(ordered) - 1))], 3)}


async def level(url: str, sessions: int) -> dict:
    out: list[tuple[float, float]] = []
    async with httpx.AsyncClient(timeout=600) as client:
        await asyncio.gather(*(caller(client, url, n, out) for n in range(sessions)))
    return {"first_token_s": spread([o[0] for o in out]), "answer_s": spread([o[1] for o in out]), "n": len(out)}


def start(tree: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": f"{tree}:{tree}/devtools", "MAILVOX_LLM_PORT": str(port)}
    with open(Path(tree) / f"llm-engines-{port}.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mailvox.services.llm.app"],
            cwd=tree,
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the LLM service of {tree} did not get ready")


def main() -> None:
    before, after, out_path = sys.argv[1:4]
    results: dict[str, dict] = {}
    for name, tree, port in (("before", before, 18401), ("after", after, 18402)):
        process = start(tree, port)
        try:
            results[name] = {}
            for sessions in (1, 4):
                load = os.getloadavg()[0]
                measured = asyncio.run(level(f"http://127.0.0.1:{port}", sessions))
                results[name][str(sessions)] = {**measured, "load_average_at_start": round(load, 1)}
                print(name, sessions, results[name][str(sessions)], flush=True)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
    Path(out_path).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
