#!/usr/bin/env bash
# Stops exactly the daemons libvirtd-start.sh started: those whose PIDs are in STATE_DIR.
# Daemons it did not start (no pid file there) are left alone.
set -euo pipefail
state=${1:?usage: libvirtd-stop.sh STATE_DIR}

# A dead daemon can stay a zombie for seconds here (PID 1 reaps slowly): look at its state.
alive() {
  local st
  st=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# libvirtd first: it still writes through virtlogd while it shuts down.
for name in libvirtd virtlogd; do
  pidfile=$state/$name.pid
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  # only signal the process if it is still that daemon (the PID may have been reused)
  if [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = "$name" ]; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 150); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then
      echo "$name (pid $pid) ignored SIGTERM for 15 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
    fi
    echo "stopped $name (pid $pid)"
  else
    echo "no $name with pid $pid is running; removing the stale pid file"
  fi
  rm -f "$pidfile"
done
