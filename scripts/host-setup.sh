#!/usr/bin/env bash
# Prepares a Debian 12 host (as root) for Emotive, idempotently: packages, the groups and user
# libvirt's QEMU driver expects, libvirt's folders and qemu.conf, and the busybox test guest.
# A second run changes nothing and needs no network.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
guest_dir=${EMOTIVE_GUEST_DIR:-/var/lib/emotive/images/busybox}

packages="libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-utils
linux-image-cloud-amd64 busybox-static libxml2-utils dnsmasq-base iptables cpio curl
openjdk-17-jdk-headless maven"

# A non-system kvm group breaks the postinst of udev and the kernel package: create the
# groups as system groups before anything is installed.
getent group kvm >/dev/null || groupadd -r kvm
getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
getent passwd libvirt-qemu >/dev/null ||
  useradd -r -g libvirt-qemu -G kvm -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi

mkdir -p /var/log/libvirt/qemu /var/run/libvirt /var/lib/libvirt /var/lib/emotive

# No systemd here: no cgroup delegation, and no SELinux/AppArmor labels to apply.
conf=/etc/libvirt/qemu.conf
touch "$conf"
set_conf() {
  if grep -qE "^\s*$1\s*=" "$conf"; then
    sed -i -E "s|^\s*$1\s*=.*|$1 = $2|" "$conf"
  else
    echo "$1 = $2" >> "$conf"
  fi
}
set_conf security_driver '"none"'
set_conf cgroup_controllers '[ ]'

if [ ! -f "$guest_dir/initrd.img" ] || [ "$root/scripts/make-test-guest.sh" -nt "$guest_dir/initrd.img" ]; then
  "$root/scripts/make-test-guest.sh" "$guest_dir"
fi
