"""MailVox's development tools: the dev and demo servers, fault injection and the benchmarks.

They live in the source checkout only (the `mailvox-dev` distribution in devtools/); the
shipped `mailvox` package never imports them.
"""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]  # the source checkout these tools serve
