#!/usr/bin/env bash
# Installs what is missing, builds Emotive and starts the all-in-one container (node + control
# in one Karaf) as a daemon. Idempotent: run it again to upgrade; operator-edited settings in
# etc/ and the VM records in /var/lib/emotive are kept.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
home=${EMOTIVE_HOME:-/opt/emotive}
state=/var/run/emotive
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}

"$root/scripts/host-setup.sh"
mkdir -p "$state"
"$root/scripts/libvirtd-start.sh" "$state"

(cd "$root" && mvn -B -ntp -q -DskipTests install)

if [ -x "$home/bin/stop" ] && "$home/bin/status" >/dev/null 2>&1; then
  echo "stopping the running Emotive in $home"
  "$home/bin/stop"
  for _ in $(seq 60); do "$home/bin/status" >/dev/null 2>&1 || break; sleep 1; done
fi

# keep the operator's settings across upgrades
saved=$(mktemp -d)
for f in "$home"/etc/org.emotive.*.cfg "$home"/etc/users.properties; do
  [ -f "$f" ] && cp -p "$f" "$saved/"
done
rm -rf "$home"
mkdir -p "$home"
tar -xzf "$root/karaf-assembly/target/karaf-assembly-"*.tar.gz -C "$home" --strip-components=1
cp -p "$saved"/* "$home/etc/" 2>/dev/null || true
rm -rf "$saved"

"$home/bin/start"
echo -n "waiting for Emotive to answer on http://localhost:8181/api/v1/health "
for _ in $(seq 120); do
  if curl -fsS http://localhost:8181/api/v1/health >/dev/null 2>&1; then
    echo " up."
    cat <<MSG
Emotive is running in $home.
  Shell:  $home/bin/client          (then: emotive:vm-create --image busybox --vcpus 1 --memory 128 web-1)
  REST:   curl -u karaf:karaf -H 'Content-Type: application/json' \\
            -d '{"name":"web-1","vcpus":1,"memoryMiB":128,"image":"busybox"}' http://localhost:8181/api/v1/vms
  Stop:   $home/bin/stop
Change the password of user karaf in $home/etc/users.properties before exposing port 8181 or 8101.
MSG
    exit 0
  fi
  echo -n .
  sleep 1
done
echo " no answer after 120 s; see $home/data/log/karaf.log" >&2
exit 1
