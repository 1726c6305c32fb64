#!/usr/bin/env bash
# Runs the whole test suite on this machine (root, Debian 12): prepares the host, starts its
# own libvirtd, runs unit and Pax Exam integration tests against real QEMU guests, then stops
# exactly the daemons it started.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=$(mktemp -d /tmp/emotive-test.XXXXXX)

cleanup() {
  "$root/scripts/libvirtd-stop.sh" "$state" || true
  rm -rf /var/lib/emotive/itest "$state"
}
trap cleanup EXIT

"$root/scripts/host-setup.sh"
"$root/scripts/libvirtd-start.sh" "$state"
cd "$root"
# install, not verify: the Pax Exam tests boot the karaf-assembly artifact from the local
# repository, so the one just built must be there (never a stale SNAPSHOT)
mvn -B -ntp install
