package org.emotive.storage.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a freshly bootstrapped root file system into a neutral base image with plain file writes
 * (no chroot, nothing mounted). Every write stays inside the root file system: parent folders are
 * resolved and checked, and files are opened without following a link, so a link planted in the
 * tree cannot redirect a write to the host.
 *
 * <p>Root's password is locked ({@code *} in /etc/shadow), as debootstrap leaves it: the image is
 * cloned into many VMs, and an empty password would let anyone with the console in (and any later
 * sshd that permits empty passwords). The serial console still shows its login prompt; access is
 * given per VM when an instance is made from the image (an SSH key or a password written into the
 * instance disk, or cloud-init added through the spec's packages).
 */
final class RootfsConfigurator {

    static final String HOSTNAME = "debian";
    /** The kernel's name for the first NIC once systemd's predictable names are switched off. */
    static final String FIRST_NIC = "eth0";
    static final String TASK_RUNNER = "usr/local/sbin/emotive-task-runner";
    static final String TASK_UNIT = "etc/systemd/system/emotive-task.service";

    private final Path rootfs;
    private final Path realRoot;

    RootfsConfigurator(Path rootfs) throws IOException {
        this.rootfs = rootfs.toAbsolutePath().normalize();
        this.realRoot = this.rootfs.toRealPath();
    }

    void configure() throws IOException {
        write("etc/hostname", HOSTNAME + "\n"); // debootstrap copies the build host's name
        write("etc/hosts", "127.0.0.1\tlocalhost\n127.0.1.1\t" + HOSTNAME + "\n"
                + "::1\t\tlocalhost ip6-localhost ip6-loopback\nff02::1\t\tip6-allnodes\nff02::2\t\tip6-allrouters\n");
        // the VM's home disk, when the node gives it one (homeGiB): nofail, so VMs without it boot as well
        write("etc/fstab", "/dev/vda / ext4 defaults 0 1\n"
                + "LABEL=" + InstanceDisks.HOME_LABEL + " /home ext4 defaults,nofail,x-systemd.device-timeout=10s 0 2\n");
        // the initramfs's fsck hook cannot probe /dev/vda from a chroot; told the type, it adds
        // e2fsck and checks the root file system before mounting it, as the fstab's pass 1 asks
        write("etc/initramfs-tools/conf.d/root-fstype", "FSTYPE=ext4\n");
        lockRootPassword();
        resetMachineId();
        configureFirstNicWithDhcp();
        installTaskRunner();
        dropPackageCaches();
    }

    private void lockRootPassword() throws IOException {
        List<String> lines = new ArrayList<>(List.of(read("etc/shadow").split("\n")));
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(":", -1);
            if (fields.length >= 2 && fields[0].equals("root")) {
                fields[1] = "*";
                lines.set(i, String.join(":", fields));
                found = true;
            }
        }
        if (!found) {
            throw new IOException("no root entry in " + rootfs.resolve("etc/shadow"));
        }
        write("etc/shadow", String.join("\n", lines) + "\n"); // rewritten in place: keeps mode 0640 and group shadow
    }

    /** Each VM must get its own machine id (DHCP client id, journal): an empty file makes systemd create one on first boot. */
    private void resetMachineId() throws IOException {
        write("etc/machine-id", "");
        Files.deleteIfExists(inside("var/lib/dbus/machine-id")); // dbus then reads /etc/machine-id
    }

    /**
     * DHCP on the first NIC with systemd-networkd (part of systemd) and systemd-resolved for DNS.
     * Masking 99-default.link turns predictable names off so that the first NIC is always eth0; the
     * initramfs copies .link files, so it must be rebuilt after this (the builder does).
     */
    private void configureFirstNicWithDhcp() throws IOException {
        folder("etc/systemd/network");
        Path link = inside("etc/systemd/network/99-default.link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("/dev/null"));
        write("etc/systemd/network/20-first-nic.network",
                "[Match]\nName=" + FIRST_NIC + "\n\n[Network]\nDHCP=yes\n");
    }

    /**
     * Lets the image run Emotive tasks, as the node hands them over: a VM with two disks labelled
     * emotive-in (the command and its input files) and emotive-out (blank) runs the command in
     * /out with the inputs in /in, keeps its exit code, stdout and stderr on the output disk and
     * powers off; the node reads the disk back once the domain stops. Any other VM skips it.
     */
    private void installTaskRunner() throws IOException {
        folder("usr/local/sbin");
        folder("etc/systemd/system/multi-user.target.wants");
        Path runner = inside(TASK_RUNNER);
        write(TASK_RUNNER, TASK_RUNNER_SCRIPT);
        Files.setPosixFilePermissions(runner, PosixFilePermissions.fromString("rwxr-xr-x"));
        write(TASK_UNIT, "[Unit]\nDescription=Emotive task (when the VM has task disks)\n"
                // network.target, not network-online: waiting for a lease would stall VMs without a NIC
                + "After=local-fs.target network.target\n\n"
                + "[Service]\nType=oneshot\nExecStart=/" + TASK_RUNNER + "\nStandardOutput=journal+console\n\n"
                + "[Install]\nWantedBy=multi-user.target\n");
        Path wanted = inside("etc/systemd/system/multi-user.target.wants/emotive-task.service");
        Files.deleteIfExists(wanted);
        Files.createSymbolicLink(wanted, Path.of("/" + TASK_UNIT)); // what systemctl enable makes
    }

    /** The guest's side of the task contract; the busybox test guest runs the same steps. */
    private static final String TASK_RUNNER_SCRIPT = """
            #!/bin/sh
            udevadm settle --timeout=30
            taskin=/dev/disk/by-label/emotive-in
            taskout=/dev/disk/by-label/emotive-out
            [ -b "$taskin" ] && [ -b "$taskout" ] || exit 0
            mkdir -p /run/emotive-task/in /run/emotive-task/out /in /out
            if mount -t ext4 -o ro "$taskin" /run/emotive-task/in && mount -t ext4 "$taskout" /run/emotive-task/out \\
                && mkdir -p /run/emotive-task/out/out && mount --bind /run/emotive-task/in/files /in \\
                && mount --bind /run/emotive-task/out/out /out; then
              echo "EMOTIVE-TASK-START"
              (cd /out && sh -c "$(cat /run/emotive-task/in/command)" > /run/emotive-task/out/stdout \\
                2> /run/emotive-task/out/stderr < /dev/null)
              echo $? > /run/emotive-task/out/exit-code
              echo "EMOTIVE-TASK-END"
            fi
            sync
            umount /out /in /run/emotive-task/out /run/emotive-task/in
            sync
            systemctl --no-block poweroff
            """;

    /** Downloaded .debs (~70 MB) and package lists (~50 MB): stale in a VM anyway, which runs apt-get update first. */
    private void dropPackageCaches() throws IOException {
        deleteFiles(inside("var/cache/apt/archives"), "*.deb");
        deleteFiles(inside("var/lib/apt/lists"), "*_*"); // index files are named after their URL; keeps lock and partial/
    }

    private void deleteFiles(Path folder, String glob) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                }
            }
        }
    }

    private String read(String relative) throws IOException {
        try (var in = Files.newInputStream(inside(relative), LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void write(String relative, String content) throws IOException {
        Path file = inside(relative);
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    }

    /** Creates the folder and its missing parents, refusing any that is a link (it could lead out of the tree). */
    private void folder(String relative) throws IOException {
        Path current = rootfs;
        for (Path name : Path.of(relative)) {
            current = current.resolve(name);
            if (Files.isSymbolicLink(current)) {
                throw new IOException("a link where a folder should be: " + current);
            }
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            }
        }
    }

    /** A path in the root file system whose parent folder really is inside it (after following links). */
    private Path inside(String relative) throws IOException {
        Path path = rootfs.resolve(relative).normalize();
        Path parent = path.getParent();
        if (!path.startsWith(rootfs) || !Files.isDirectory(parent) || !parent.toRealPath().startsWith(realRoot)) {
            throw new IOException("not a folder inside the root file system: " + parent);
        }
        return path;
    }
}
