#!/usr/bin/env bash
# Builds the small test guest from Debian packages: OUTDIR/vmlinuz (linux-image-cloud-amd64),
# OUTDIR/initrd.img (busybox-static + the modules it needs) and OUTDIR/image.json.
# The guest prints EMOTIVE-GUEST-UP on its serial console at every boot and powers off on an
# ACPI power-button press, so graceful shutdown and reboot are real.
set -euo pipefail
out=${1:?usage: make-test-guest.sh OUTDIR}
kernel=$(ls -1 /boot/vmlinuz-*-cloud-amd64 | sort -V | tail -1)
version=${kernel#/boot/vmlinuz-}
modules=/lib/modules/$version
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work"/{bin,sbin,etc/acpi/PWRF,proc,sys,dev,lib/modules,tmp}
cp /bin/busybox "$work/bin/busybox"

# in load order; built-in ones are simply absent and skipped
order="virtio virtio_ring virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk
failover net_failover virtio_net button evdev"
for m in $order; do
  f=$(find "$modules" -name "$m.ko*" | head -1)
  [ -n "$f" ] || continue
  case "$f" in
    *.xz) xz -dc "$f" > "$work/lib/modules/$m.ko" ;;
    *.zst) zstd -qdc "$f" > "$work/lib/modules/$m.ko" ;;
    *) cp "$f" "$work/lib/modules/$m.ko" ;;
  esac
done
echo "$order" | tr ' ' '\n' | sed '/^$/d' > "$work/lib/modules/order"

# busybox acpid runs /etc/acpi/PWRF/00000080 on a power-button press
cat > "$work/etc/acpi/PWRF/00000080" <<'SH'
#!/bin/sh
echo "EMOTIVE-GUEST-POWEROFF"
sync
poweroff -f
SH
chmod +x "$work/etc/acpi/PWRF/00000080"

cat > "$work/init" <<'SH'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /lib/modules/order); do
  [ -f "/lib/modules/$m.ko" ] && insmod "/lib/modules/$m.ko" 2>/dev/null
done
hostname emotive-guest
mkdir -p /var/run /var/log   # acpid will not start without them
acpid -c /etc/acpi -l /dev/console
echo "EMOTIVE-GUEST-UP"
# a shell on the serial console for operators; the guest stays up when it exits
while true; do
  setsid sh -c 'exec sh </dev/ttyS0 >/dev/ttyS0 2>&1' || sleep 1
done
SH
chmod +x "$work/init"

mkdir -p "$out"
(cd "$work" && find . | cpio -o -H newc --quiet | gzip -9) > "$out/initrd.img.tmp"
mv "$out/initrd.img.tmp" "$out/initrd.img"
cp "$kernel" "$out/vmlinuz"
cat > "$out/image.json" <<'JSON'
{"name": "busybox", "kind": "kernel", "kernel": "vmlinuz", "initrd": "initrd.img", "cmdline": "console=ttyS0 panic=-1 quiet"}
JSON
chmod 0644 "$out"/*
echo "test guest built in $out from kernel $version"
