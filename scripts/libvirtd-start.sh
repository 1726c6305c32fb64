#!/usr/bin/env bash
# Starts virtlogd and libvirtd as daemons (there is no systemd here) unless they already answer
# on their sockets, and records in STATE_DIR the PIDs of exactly the daemons it started, so
# libvirtd-stop.sh never stops a daemon someone else runs.
set -euo pipefail
state=${1:?usage: libvirtd-start.sh STATE_DIR}
mkdir -p "$state" /var/run/libvirt /var/log/libvirt/qemu /var/lib/libvirt /var/cache/libvirt

# Ask the sockets rather than look for processes: another libvirtd may run in another mount
# namespace (cluster tests), and a hung one must not count as running.
virtlogd_answers() { timeout 5 virt-admin -q -c virtlogd:///system version >/dev/null 2>&1; }
libvirtd_answers() { timeout 10 virsh -q -c qemu:///system version >/dev/null 2>&1; }

# A dead daemon can stay a zombie for seconds here (PID 1 reaps slowly): look at its state.
alive() {
  local st
  st=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# Waits up to $2 seconds for the daemon whose pid file is $1 to write it; prints the PID.
started_pid() {
  local pid
  for _ in $(seq $(($2 * 10))); do
    pid=$(cat "$1" 2>/dev/null || true)
    if [ -n "$pid" ] && alive "$pid"; then echo "$pid"; return 0; fi
    sleep 0.1
  done
  return 1
}

# libvirtd's QEMU driver logs guest consoles and QEMU output through virtlogd: start it first.
if virtlogd_answers; then
  echo "virtlogd already answers; not starting one"
else
  rm -f "$state/virtlogd.pid"
  virtlogd -d --pid-file "$state/virtlogd.pid"
  pid=$(started_pid "$state/virtlogd.pid" 10) || { echo "virtlogd did not start" >&2; exit 1; }
  echo "started virtlogd (pid $pid)"
fi

if libvirtd_answers; then
  echo "libvirtd already answers on qemu:///system; not starting one"
  exit 0
fi
rm -f "$state/libvirtd.pid"
libvirtd -d --pid-file "$state/libvirtd.pid"
pid=$(started_pid "$state/libvirtd.pid" 10) || { echo "libvirtd did not start; see /var/log/libvirt" >&2; exit 1; }
echo -n "started libvirtd (pid $pid), waiting for it to answer "

# The first answer can take ~12 s: libvirtd probes QEMU's capabilities before it serves.
deadline=$((SECONDS + 60))
while [ "$SECONDS" -lt "$deadline" ]; do
  if libvirtd_answers; then
    echo "- answers on qemu:///system after ${SECONDS} s"
    exit 0
  fi
  alive "$pid" || { echo "- libvirtd (pid $pid) died; see /var/log/libvirt" >&2; exit 1; }
  echo -n .
  sleep 1
done
echo "- no answer within 60 s; see /var/log/libvirt" >&2
exit 1
