#!/usr/bin/env bash
# Builds the small test guest from Debian packages only:
#   OUTDIR/vmlinuz     the installed linux-image-cloud-amd64 kernel
#   OUTDIR/initrd.img  busybox-static + the kernel modules it needs (gzip'd cpio)
#   OUTDIR/image.json  the descriptor Emotive's image registry reads
# Booted directly (console=ttyS0) the guest prints EMOTIVE-GUEST-UP on the serial console at
# every boot (and runs a task from its task disks, see rcS), powers off on an ACPI power-button press (so `virsh shutdown` and `virsh reboot`
# work for real), reboots on `reboot`, and keeps a shell on ttyS0.
set -euo pipefail
out=${1:?usage: make-test-guest.sh OUTDIR}

kernel=$(find /boot -maxdepth 1 -name 'vmlinuz-*-cloud-amd64' | sort -V | tail -n 1)
[ -n "$kernel" ] || { echo "no /boot/vmlinuz-*-cloud-amd64: install linux-image-cloud-amd64" >&2; exit 1; }
version=${kernel#/boot/vmlinuz-}
[ -d "/lib/modules/$version" ] || { echo "no /lib/modules/$version" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc/init.d,etc/acpi/PWRF,proc,sys,dev,tmp,root,var/run,var/log,lib/modules,mnt}

# busybox-static: one binary, applet links made now so the guest boots without installing them
cp /bin/busybox "$root/bin/busybox"
/bin/busybox --list-full | while read -r applet; do
  [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done

# Modules wanted, in this order; modprobe resolves each one's dependencies (dependencies come
# first, built-ins are reported as "builtin" and skipped). button + evdev give the ACPI power
# button an input device (/dev/input/event*) for acpid.
wanted="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk
failover net_failover virtio_net virtio_balloon button evdev"
: > "$root/lib/modules/order"
for m in $wanted; do
  modprobe --show-depends --set-version="$version" "$m" | while read -r kind path _; do
    [ "$kind" = insmod ] || continue
    name=$(basename "$path"); name=${name%%.ko*}
    grep -qx "$name" "$root/lib/modules/order" && continue
    # the guest's busybox insmod wants plain .ko files
    case "$path" in
      *.ko.xz) xz -dc "$path" > "$root/lib/modules/$name.ko" ;;
      *.ko.zst) zstd -qdc "$path" > "$root/lib/modules/$name.ko" ;;
      *.ko.gz) gzip -dc "$path" > "$root/lib/modules/$name.ko" ;;
      *) cp "$path" "$root/lib/modules/$name.ko" ;;
    esac
    echo "$name" >> "$root/lib/modules/order"
  done
done

# PID 1 must be a real init: busybox `reboot`/`poweroff` signal PID 1, which a shell ignores.
cat > "$root/init" <<'SH'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec /sbin/init
SH

cat > "$root/etc/inittab" <<'TAB'
::sysinit:/etc/init.d/rcS
ttyS0::respawn:-/bin/sh
::ctrlaltdel:/sbin/reboot
::shutdown:/bin/sync
TAB

cat > "$root/etc/init.d/rcS" <<'SH'
#!/bin/sh
while read -r m; do
  insmod "/lib/modules/$m.ko" || echo "emotive-guest: insmod $m failed"
done < /lib/modules/order
# the VM's name, as Emotive passes it on the kernel command line (systemd reads the same key)
name=emotive-guest
for arg in $(cat /proc/cmdline); do
  case "$arg" in systemd.hostname=*) name=${arg#systemd.hostname=} ;; esac
done
hostname "$name"
ip link set lo up
# a NIC, if any: DHCP in the background, sending the host name so the network's DNS knows it
if [ -e /sys/class/net/eth0 ]; then
  ip link set eth0 up
  udhcpc -i eth0 -b -S -x "hostname:$name" -s /etc/udhcpc.script
fi
# busybox acpid reads the power button from /dev/input/event* and runs /etc/acpi/PWRF/00000080
acpid -c /etc/acpi
# An instance disk, if any, is /dev/vda: say what is on it, so tests see which disk the VM got.
# (virtio device id 0x0002 is a block device: only then wait for its node)
if grep -qx 0x0002 /sys/bus/virtio/devices/*/device 2>/dev/null; then
  for i in 1 2 3 4 5 6 7 8 9 10; do [ -b /dev/vda ] && break; sleep 0.2; done
  if mount -t ext4 /dev/vda /mnt 2>/dev/null; then
    echo "EMOTIVE-DISK: $(cat /mnt/emotive-marker 2>/dev/null || echo no-marker)"
  else
    echo "EMOTIVE-DISK: blank"
  fi
fi
# A home disk, if any (label emotive-home; after the instance disk): on /home, as Debian images
# Emotive builds mount it
if [ "$(grep -lx 0x0002 /sys/bus/virtio/devices/*/device 2>/dev/null | wc -l)" -ge 2 ]; then
  for i in 1 2 3 4 5 6 7 8 9 10; do [ -b /dev/vdb ] && break; sleep 0.2; done
fi
if home=$(findfs LABEL=emotive-home 2>/dev/null); then
  mkdir -p /home && mount -t ext4 "$home" /home && echo "EMOTIVE-HOME: $(df -k /home | tail -n 1)"
fi
echo "EMOTIVE-GUEST-UP"
# A task VM has two more disks, found by label: emotive-in (the command and the input files) and
# emotive-out (blank). Run the command with /in and /out, keep exit code, stdout and stderr on
# the output disk, flush it and power off: the node reads the disk back when the domain stops.
if [ "$(grep -lx 0x0002 /sys/bus/virtio/devices/*/device 2>/dev/null | wc -l)" -ge 2 ]; then
  for i in 1 2 3 4 5 6 7 8 9 10; do findfs LABEL=emotive-out >/dev/null 2>&1 && break; sleep 0.2; done
fi
if taskin=$(findfs LABEL=emotive-in 2>/dev/null) && taskout=$(findfs LABEL=emotive-out 2>/dev/null); then
  umount /mnt 2>/dev/null
  mkdir -p /task/in /task/out /in /out
  mount -t ext4 -o ro "$taskin" /task/in && mount -t ext4 "$taskout" /task/out &&
    mkdir -p /task/out/out && mount -o bind /task/in/files /in && mount -o bind /task/out/out /out && {
    echo "EMOTIVE-TASK-START"
    (cd /out && sh -c "$(cat /task/in/command)" > /task/out/stdout 2> /task/out/stderr < /dev/null)
    echo $? > /task/out/exit-code
    echo "EMOTIVE-TASK-END"
  }
  sync
  umount /out /in /task/out /task/in 2>/dev/null
  sync
  poweroff -f
fi
SH

# No disk to flush for long: power off at once, so a graceful shutdown takes about a second.
cat > "$root/etc/acpi/PWRF/00000080" <<'SH'
#!/bin/sh
printf '\nEMOTIVE-GUEST-POWEROFF\n' > /dev/console
sync
umount /home /mnt 2>/dev/null
poweroff -f
SH
# udhcpc calls this with the lease in its environment: configure the interface with it
cat > "$root/etc/udhcpc.script" <<'SH'
#!/bin/sh
case "$1" in
  bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$router" ] && ip route add default via "${router%% *}" dev "$interface"
    echo "EMOTIVE-LEASE: $ip"
    ;;
esac
SH
chmod 0755 "$root/init" "$root/etc/init.d/rcS" "$root/etc/acpi/PWRF/00000080" "$root/etc/udhcpc.script"
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
echo "root:x:0:" > "$root/etc/group"

mkdir -p "$out"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -9n) > "$out/initrd.img.tmp"
cp "$kernel" "$out/vmlinuz.tmp"
cat > "$out/image.json.tmp" <<'JSON'
{"name":"busybox","kind":"kernel","kernel":"vmlinuz","initrd":"initrd.img","cmdline":"console=ttyS0 panic=-1"}
JSON
# libvirt runs QEMU as user libvirt-qemu: the files must be readable by others
chmod 0644 "$out"/*.tmp
for f in vmlinuz initrd.img image.json; do mv -f "$out/$f.tmp" "$out/$f"; done
echo "test guest built in $out (kernel $version, modules: $(paste -sd ' ' "$root/lib/modules/order"))"
