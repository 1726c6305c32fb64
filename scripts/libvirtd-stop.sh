#!/usr/bin/env bash
# Stops exactly the daemons libvirtd-start.sh started (their PIDs are in STATE_DIR).
set -uo pipefail
state=${1:?usage: libvirtd-stop.sh STATE_DIR}
for name in libvirtd virtlogd; do
  pidfile="$state/$name.pid"
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$pidfile"
done
exit 0
