#!/usr/bin/env bash
# Starts virtlogd and libvirtd as daemons (no systemd here) unless they already answer, and
# records in STATE_DIR the PIDs of exactly the daemons it started, for libvirtd-stop.sh.
set -euo pipefail
state=${1:?usage: libvirtd-start.sh STATE_DIR}
mkdir -p "$state" /var/run/libvirt /var/log/libvirt/qemu

answers() { timeout 10 virsh -c qemu:///system version >/dev/null 2>&1; }

if ! pgrep -x virtlogd >/dev/null; then
  virtlogd -d --pid-file "$state/virtlogd.pid"
fi
if ! pgrep -x libvirtd >/dev/null; then
  libvirtd -d --pid-file "$state/libvirtd.pid"
fi

# the first answer takes a while: libvirtd probes QEMU's capabilities
for _ in $(seq 60); do
  if answers; then
    echo "libvirtd answers on qemu:///system"
    exit 0
  fi
  sleep 1
done
echo "libvirtd did not answer within 60 s; see /var/log/libvirt" >&2
exit 1
