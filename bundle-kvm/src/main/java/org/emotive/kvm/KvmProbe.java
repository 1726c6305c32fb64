package org.emotive.kvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds out whether hardware virtualisation really works. {@code /dev/kvm} can exist and yet
 * hang a guest as it enters protected mode (seen on nested hosts), so the probe boots a real
 * kernel under {@code -accel kvm} in a throw-away QEMU process and waits for the kernel's
 * first console line; a hang or an error means "use TCG".
 */
final class KvmProbe {

    /** What the probe found, with the reason to log. */
    record Result(boolean kvmWorks, String reason) {
    }

    private static final String KERNEL_BANNER = "Linux version";

    private final String qemuBinary;
    private final Optional<Path> kernel;
    private final Duration timeout;

    KvmProbe(String qemuBinary, Optional<Path> kernel, Duration timeout) {
        this.qemuBinary = qemuBinary;
        this.kernel = kernel;
        this.timeout = timeout;
    }

    Result run() {
        if (!Files.exists(Path.of("/dev/kvm"))) {
            return new Result(false, "/dev/kvm does not exist");
        }
        if (kernel.isEmpty()) {
            return new Result(false, "no kernel to probe with (set probeKernel)");
        }
        Path console = null;
        try {
            console = Files.createTempFile("emotive-kvm-probe", ".log");
            return boot(kernel.get(), console);
        } catch (IOException e) {
            return new Result(false, "probe failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "probe interrupted");
        } finally {
            deleteQuietly(console);
        }
    }

    private Result boot(Path kernelPath, Path console) throws IOException, InterruptedException {
        // coreutils' timeout kills QEMU even if this JVM dies first: no orphan stuck in KVM
        long limit = timeout.toSeconds() + 2;
        List<String> command = List.of("timeout", "-s", "KILL", Long.toString(limit),
                qemuBinary, "-accel", "kvm", "-machine", "pc", "-m", "128",
                "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
                "-kernel", kernelPath.toString(),
                "-append", "console=ttyS0 earlyprintk=ttyS0 panic=-1",
                "-serial", "file:" + console);
        Process qemu = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (Files.readString(console, java.nio.charset.StandardCharsets.ISO_8859_1).contains(KERNEL_BANNER)) {
                    return new Result(true, "a kernel booted under KVM");
                }
                if (!qemu.isAlive()) {
                    return new Result(false, "QEMU refused -accel kvm (exit " + qemu.exitValue() + ")");
                }
                Thread.sleep(100);
            }
            return new Result(false, "a kernel under KVM printed nothing within " + timeout.toSeconds() + " s");
        } finally {
            qemu.descendants().forEach(ProcessHandle::destroyForcibly); // QEMU itself, under timeout
            qemu.destroyForcibly();
            qemu.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The newest installed kernel, a reasonable default for a Debian host. */
    static Optional<Path> newestBootKernel() {
        try (Stream<Path> files = Files.list(Path.of("/boot"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("vmlinuz-"))
                    .filter(Files::isReadable)
                    .max(Comparator.comparing(KvmProbe::lastModified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left in /tmp is harmless
            }
        }
    }
}
