package org.emotive.kvm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KvmProbeTest {

    @Test
    void noKernelMeansNoKvm() {
        KvmProbe.Result r = new KvmProbe("qemu-system-x86_64", Optional.empty(), Duration.ofSeconds(1)).run();
        assertFalse(r.kvmWorks());
        assertTrue(r.reason().contains("kernel") || r.reason().contains("/dev/kvm"), r.reason());
    }

    @Test
    void aQemuThatCannotStartMeansNoKvm() {
        KvmProbe.Result r = new KvmProbe("/nonexistent/qemu", Optional.of(Path.of("/boot/vmlinuz")),
                Duration.ofSeconds(1)).run();
        assertFalse(r.kvmWorks());
    }

    @Test
    void aKernelThatIsNoKernelMeansNoKvm() {
        // QEMU exits at once on a bogus kernel: the probe must report that, not wait or say yes
        KvmProbe.Result r = new KvmProbe("qemu-system-x86_64", Optional.of(Path.of("/etc/hostname")),
                Duration.ofSeconds(5)).run();
        assertFalse(r.kvmWorks(), r.reason());
    }
}
