#!/usr/bin/env bash
# Prepares a Debian 12 host (as root, no systemd) for Emotive, idempotently: packages, the
# groups and user libvirt's QEMU driver runs guests as, libvirt's folders and qemu.conf, and
# the busybox test guest. A second run changes nothing, is quick and needs no network.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
guest_dir=${EMOTIVE_GUEST_DIR:-/var/lib/emotive/images/busybox}

[ "$(id -u)" -eq 0 ] || { echo "host-setup.sh must run as root" >&2; exit 1; }

# libvirt + QEMU (TCG is enough), the test guest's kernel and busybox, virt-xml-validate for
# the Xen driver's tests, the JDK and Maven to build; kmod for modprobe --show-depends when
# building the guest, curl for allinone.sh's health check; debootstrap, the Debian archive keyring
# (only recommended by debootstrap, but the image builder requires signed Release files) and
# e2fsprogs (mke2fs -d; debugfs and e2label in the tests) for Debian base images.
packages="libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-utils
linux-image-cloud-amd64 busybox-static libxml2-utils dnsmasq-base iptables cpio kmod curl
openjdk-17-jdk-headless maven debootstrap debian-archive-keyring e2fsprogs"

# Before apt: packages (udev, the kernel) create a kvm group in their postinst and fail if a
# non-system one exists, so make both groups system groups first.
getent group kvm >/dev/null || groupadd -r kvm
getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
# Debian's libvirt runs QEMU as user/group libvirt-qemu (its compiled-in qemu.conf default);
# libvirt-daemon-system would create the user, but it needs systemd, so create it here.
getent passwd libvirt-qemu >/dev/null ||
  useradd -r -g libvirt-qemu -G kvm -d /var/lib/libvirt -M -s /usr/sbin/nologin libvirt-qemu

missing=()
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

mkdir -p /var/log/libvirt/qemu /var/run/libvirt /var/lib/libvirt /var/cache/libvirt

# No systemd here: nothing delegates cgroups to libvirtd, and there is no SELinux/AppArmor.
# Only write the file when a setting differs, so a second run leaves it untouched.
conf=/etc/libvirt/qemu.conf
mkdir -p "$(dirname "$conf")"
[ -f "$conf" ] || : > "$conf"
set_conf() {
  local key=$1 value=$2
  grep -qxF "$key = $value" "$conf" && return 0
  if grep -qE "^[[:space:]]*${key}[[:space:]]*=" "$conf"; then
    sed -i -E "s|^[[:space:]]*${key}[[:space:]]*=.*|$key = $value|" "$conf"
  else
    echo "$key = $value" >> "$conf"
  fi
  echo "qemu.conf: $key = $value"
}
set_conf security_driver '"none"'
set_conf cgroup_controllers '[ ]'

# Rebuild the test guest when missing, when its build script changed, or on a new kernel.
kernel=$(find /boot -maxdepth 1 -name 'vmlinuz-*-cloud-amd64' | sort -V | tail -n 1)
if [ ! -f "$guest_dir/image.json" ] || [ ! -f "$guest_dir/initrd.img" ] ||
   [ "$root/scripts/make-test-guest.sh" -nt "$guest_dir/initrd.img" ] ||
   ! cmp -s "$kernel" "$guest_dir/vmlinuz"; then
  "$root/scripts/make-test-guest.sh" "$guest_dir"
fi
