#!/usr/bin/env bash
# Runs a command with a Docker engine answering: the compose test (tests/e2e/test_compose.py)
# needs one. When none answers, Debian's dockerd (scripts/setup.sh installs it) is started for
# this command and stopped after it, or the run fails saying why. Layers stay in /var/lib/docker.
# dockerd picks its storage driver: overlay2 where the kernel allows it (it does on this kind of
# machine), vfs otherwise. vfs copies every layer whole: a few compose test runs left 71 GB in
# /var/lib/docker here, and a CI run filled its disk.
set -euo pipefail

if ! docker info >/dev/null 2>&1; then
  log=${MAILVOX_HOME:-$HOME/.local/share/mailvox}/dockerd.log
  mkdir -p "$(dirname "$log")"
  # No iptables and no default bridge on this kind of machine (the stack makes its own network).
  # `host-gateway` (how the stack's containers reach livekit-server on the host's network) then
  # needs the host's address named.
  host_ip=$(ip -4 route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p' || true)
  dockerd --iptables=false --ip-masq=false --bridge=none \
    ${host_ip:+--host-gateway-ip="$host_ip"} >"$log" 2>&1 &
  dockerd_pid=$!
  trap 'kill "$dockerd_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && break
    kill -0 "$dockerd_pid" 2>/dev/null || break
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    echo "dockerd did not start, and the compose test needs it. The end of its log ($log):" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  # dockerd keeps the driver it finds data for: vfs data from an earlier run keeps vfs.
  if [ "$(docker info --format '{{.Driver}}')" = vfs ] && grep -qw overlay /proc/filesystems; then
    echo "note: dockerd is using vfs storage left from an earlier run (every layer copied whole;" \
      "the compose test needs tens of GB with it). Remove /var/lib/docker to let it use overlay2." >&2
  fi
fi

"$@"
