package org.emotive.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real builds from a real Debian mirror (deb.debian.org unless -Demotive.debian.mirror=... says
 * otherwise), checked with qemu-img and debugfs, and booted with QEMU under TCG. Needs root and the
 * packages scripts/host-setup.sh installs. The image is built once for the checks on it.
 */
class DebianImageBuilderIT {

    private static final String MIRROR = System.getProperty("emotive.debian.mirror", "http://deb.debian.org/debian");
    private static final int DISK_GIB = 2;
    private static final long BOOT_TIMEOUT_SECONDS = 240;
    /** Fail the boot at once: a renamed first NIC gets no DHCP, and the others never reach a prompt. */
    private static final List<String> BOOT_TROUBLE = List.of("renamed from eth0", "FAILED", "Kernel panic",
            "emergency mode", "Gave up waiting");

    @TempDir
    static Path dir;
    private static Path work;
    private static Path image;
    private static final List<String> PROGRESS = new ArrayList<>();

    @BeforeAll
    static void buildOnce() throws Exception {
        work = dir.resolve("work");
        image = dir.resolve("image");
        long started = System.nanoTime();
        new DebianImageBuilder(work).build(new DebianImageSpec("bookworm", MIRROR, "amd64", List.of("less"), DISK_GIB),
                image, (phase, percent) -> PROGRESS.add(phase + " " + percent));
        System.out.printf("image built in %d s: disk.qcow2 %d MB, vmlinuz %d MB, initrd.img %d MB%n",
                seconds(started), mb(image.resolve("disk.qcow2")), mb(image.resolve("vmlinuz")), mb(image.resolve("initrd.img")));
    }

    @Test
    void theTargetHoldsTheImageAndTheScratchIsGone() throws Exception {
        assertEquals(List.of("build.log", "disk.qcow2", "initrd.img", "vmlinuz"), names(image));
        assertTrue(Files.size(image.resolve("vmlinuz")) > 5_000_000);
        assertTrue(Files.size(image.resolve("initrd.img")) > 5_000_000);
        String log = Files.readString(image.resolve("build.log"));
        assertTrue(log.contains("I: Base system installed successfully."));
        for (String command : List.of("$ debootstrap --variant=minbase", "$ chroot ", "$ mke2fs -t ext4", "$ qemu-img convert")) {
            assertTrue(log.contains("\n" + command), "no " + command + " in the log");
        }
        assertFalse(log.contains("# exit status 1"), "a command failed");
        assertEquals(List.of(), names(work));
        assertEquals(List.of(), ProcessScan.runningWith(work.toString()));
    }

    @Test
    void progressWentFromZeroToHundredThroughThePhasesInOrder() {
        assertEquals("debootstrap 0", PROGRESS.get(0));
        assertEquals("done 100", PROGRESS.get(PROGRESS.size() - 1));
        LinkedHashSet<String> phases = new LinkedHashSet<>();
        int last = -1;
        for (String event : PROGRESS) {
            String[] parts = event.split(" ");
            int percent = Integer.parseInt(parts[1]);
            assertTrue(percent >= last, "went down at " + event + ": " + PROGRESS);
            last = percent;
            phases.add(parts[0]);
        }
        assertEquals(List.of("debootstrap", "configure", "kernel", "filesystem", "done"), List.copyOf(phases));
        long debootstrapSteps = PROGRESS.stream().filter(e -> e.startsWith("debootstrap ")).count();
        assertTrue(debootstrapSteps > 20, "debootstrap's lines were not followed: " + PROGRESS);
        assertTrue(PROGRESS.contains("debootstrap 70"), "debootstrap did not reach its share: " + PROGRESS);
    }

    @Test
    void theDiskIsQcow2OfTheRequestedVirtualSize() throws Exception {
        JsonNode info = new ObjectMapper().readTree(
                run(List.of("qemu-img", "info", "--output=json", image.resolve("disk.qcow2").toString())));
        assertEquals("qcow2", info.path("format").asText());
        assertEquals(DISK_GIB * 1024L * 1024 * 1024, info.path("virtual-size").asLong());
        assertFalse(info.has("backing-filename"));
        assertEquals("zstd", info.path("format-specific").path("data").path("compression-type").asText());
    }

    /** Reads the file system with debugfs on a raw copy: nothing is mounted. */
    @Test
    void theRootFileSystemIsConfigured(@TempDir Path check) throws Exception {
        Path raw = check.resolve("disk.raw");
        run(List.of("qemu-img", "convert", "-O", "raw", image.resolve("disk.qcow2").toString(), raw.toString()));
        assertEquals("root", run(List.of("e2label", raw.toString())).trim());
        assertEquals("/dev/vda / ext4 defaults 0 1\nLABEL=emotive-home /home ext4 defaults,nofail,"
                + "x-systemd.device-timeout=10s 0 2\n", debugfs(raw, "cat /etc/fstab"));
        // the task runner made it into the disk, executable and enabled
        assertTrue(debugfs(raw, "stat /usr/local/sbin/emotive-task-runner").contains("Mode:  0755"));
        assertTrue(debugfs(raw, "stat /etc/systemd/system/multi-user.target.wants/emotive-task.service")
                .contains("Type: symlink"));
        assertEquals("debian\n", debugfs(raw, "cat /etc/hostname"));
        assertTrue(debugfs(raw, "cat /etc/shadow").lines().anyMatch(l -> l.startsWith("root:*:")), "root is not locked");
        assertEquals("", debugfs(raw, "cat /etc/machine-id"));
        assertEquals("[Match]\nName=eth0\n\n[Network]\nDHCP=yes\n", debugfs(raw, "cat /etc/systemd/network/20-first-nic.network"));
        assertTrue(debugfs(raw, "stat /etc/systemd/network/99-default.link").contains("Fast link dest: \"/dev/null\""));
        assertTrue(debugfs(raw, "stat /usr/bin/less").contains("Type: regular"), "the spec's package is missing");
        assertFalse(debugfs(raw, "ls /var/cache/apt/archives").contains(".deb"), "downloaded packages left in the image");
        assertTrue(debugfs(raw, "stat /usr/bin/su").contains("Mode:  04755"), "setuid bit lost");
    }

    @Test
    void theImageBootsUnderTcgToALoginPromptWithDhcp(@TempDir Path boot) throws Exception {
        Path overlay = boot.resolve("overlay.qcow2");
        run(List.of("qemu-img", "create", "-f", "qcow2", "-F", "qcow2", "-b", image.resolve("disk.qcow2").toString(),
                overlay.toString()));
        Path serial = boot.resolve("serial.log");
        // systemd.wants pulls in network-online.target, reached only once DHCP has configured eth0
        Process qemu = new ProcessBuilder("timeout", "-s", "KILL", Long.toString(BOOT_TIMEOUT_SECONDS),
                "qemu-system-x86_64", "-accel", "tcg", "-m", "512", "-smp", "1", "-display", "none", "-monitor", "none",
                "-no-reboot", "-kernel", image.resolve("vmlinuz").toString(), "-initrd", image.resolve("initrd.img").toString(),
                "-append", "root=/dev/vda console=ttyS0 rw systemd.wants=network-online.target",
                "-drive", "file=" + overlay + ",if=virtio,format=qcow2", "-nic", "user,model=virtio-net-pci",
                "-serial", "file:" + serial)
                .redirectErrorStream(true).redirectOutput(boot.resolve("qemu.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        long started = System.nanoTime();
        List<ProcessHandle> qemuProcesses = new ArrayList<>();
        try {
            long deadline = started + TimeUnit.SECONDS.toNanos(BOOT_TIMEOUT_SECONDS);
            long loginAt = 0;
            while (true) {
                qemu.descendants().filter(h -> !qemuProcesses.contains(h)).forEach(qemuProcesses::add);
                String console = Files.exists(serial) ? Files.readString(serial, StandardCharsets.ISO_8859_1) : "";
                if (loginAt == 0 && console.contains("login:")) {
                    loginAt = System.nanoTime();
                    System.out.printf("boot to login prompt: %.1f s%n", (loginAt - started) / 1e9);
                }
                for (String trouble : BOOT_TROUBLE) {
                    assertFalse(console.contains(trouble), "\"" + trouble + "\" on the console:\n" + tail(console));
                }
                if (loginAt != 0 && console.contains("Network is Online")) {
                    assertTrue(console.contains("Debian GNU/Linux 12 debian ttyS0"), "not our image's prompt");
                    assertTrue(console.contains("root: clean"), "the initramfs did not check the root file system");
                    break;
                }
                if (!qemu.isAlive() || System.nanoTime() > deadline) {
                    fail("no login prompt and online network after " + seconds(started) + " s (qemu "
                            + (qemu.isAlive() ? "running" : "exited " + qemu.exitValue()) + "): "
                            + Files.readString(boot.resolve("qemu.out")) + "\n" + tail(console));
                }
                Thread.sleep(250);
            }
        } finally {
            ProcessTree.kill(qemu);
        }
        assertFalse(qemuProcesses.isEmpty(), "qemu never seen");
        for (ProcessHandle process : qemuProcesses) {
            assertFalse(ProcessTree.isRunning(process.pid()), "qemu survived: " + process.pid());
        }
        assertEquals(List.of(), ProcessScan.runningWith(overlay.toString()));
    }

    @Test
    void aMirrorThatDoesNotAnswerFailsInDebootstrapAndLeavesNothing(@TempDir Path other) throws Exception {
        Path otherWork = other.resolve("work");
        Path target = other.resolve("image");
        List<String> progress = new ArrayList<>();
        ImageBuildException e = assertThrows(ImageBuildException.class, () -> new DebianImageBuilder(otherWork).build(
                new DebianImageSpec("bookworm", "http://127.0.0.1:9/debian", "amd64", List.of(), 1), target,
                (phase, percent) -> progress.add(phase + " " + percent)));
        assertEquals("debootstrap", e.phase());
        assertTrue(e.getMessage().startsWith("image build failed in phase debootstrap: debootstrap exited with status 1"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Failed getting release file http://127.0.0.1:9/debian/dists/bookworm/"),
                e.getMessage());
        assertEquals(List.of("debootstrap 0"), progress);
        assertFalse(Files.exists(target));
        assertEquals(List.of(), names(otherWork));
    }

    @Test
    void interruptingTheBuildKillsDebootstrapAndLeavesNothing(@TempDir Path other) throws Exception {
        Path otherWork = other.resolve("work");
        Path target = other.resolve("image");
        CountDownLatch downloading = new CountDownLatch(1);
        List<String> progress = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread building = new Thread(() -> {
            try {
                new DebianImageBuilder(otherWork).build(new DebianImageSpec("bookworm", MIRROR, "amd64", List.of(), 1),
                        target, (phase, percent) -> {
                            progress.add(phase + " " + percent);
                            if (percent >= 12) { // past dependency resolution: retrieving packages
                                downloading.countDown();
                            }
                        });
                outcome.set(new AssertionError("the build finished"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        building.start();
        assertTrue(downloading.await(180, TimeUnit.SECONDS), "debootstrap did not get to the packages: " + progress);
        assertFalse(ProcessScan.runningWith(otherWork.toString()).isEmpty(), "debootstrap not running");
        building.interrupt();
        building.join(30_000);

        assertFalse(building.isAlive(), "the build ignored the interrupt");
        assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
        assertEquals(List.of(), ProcessScan.runningWith(otherWork.toString()));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), names(otherWork));
    }

    private static String debugfs(Path raw, String request) throws Exception {
        return run(List.of("debugfs", "-R", request, raw.toString()));
    }

    /** stdout of a command that must succeed; stderr goes to the exception. */
    private static String run(List<String> command) throws Exception {
        Path err = Files.createTempFile("it-", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + command);
            }
            assertEquals(0, p.exitValue(), command + ": " + Files.readString(err));
            return out;
        } finally {
            Files.delete(err);
        }
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static long seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000_000;
    }

    private static long mb(Path file) throws IOException {
        return Files.size(file) / 1_000_000;
    }
}
