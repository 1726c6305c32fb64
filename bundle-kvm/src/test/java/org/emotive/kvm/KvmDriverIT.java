package org.emotive.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.emotive.api.EmotiveException;
import org.emotive.api.NotFoundException;
import org.emotive.api.hypervisor.DomainDefinition;
import org.emotive.api.hypervisor.DomainState;
import org.emotive.api.hypervisor.DomainStatus;
import org.emotive.api.image.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KVM driver against the host's real libvirtd and a real QEMU guest. */
class KvmDriverIT {

    private static KvmDriver driver;
    private static Image busybox;

    @BeforeAll
    static void connect() {
        driver = new KvmDriver(config());
        Path images = Path.of(System.getProperty("emotive.images.dir", "/var/lib/emotive/images"), "busybox");
        busybox = Image.kernel("busybox", images.resolve("vmlinuz"), images.resolve("initrd.img"),
                "console=ttyS0 panic=-1");
        assertTrue(Files.isReadable(busybox.kernel()), "the test guest is missing: run scripts/host-setup.sh");
    }

    private static DomainDefinition definition(UUID id, String name, int vcpus, int maxVcpus, int memoryMiB,
                                               int maxMemoryMiB, Image image, Path console) {
        return new DomainDefinition(id, name, vcpus, maxVcpus, memoryMiB, maxMemoryMiB, image.kernel(), image.initrd(),
                image.cmdline(), null, console);
    }

    @AfterAll
    static void close() {
        driver.close();
    }

    @Test
    void aGuestBootsPausesResumesAndIsRemoved(@TempDir Path dir) throws Exception {
        UUID id = UUID.randomUUID();
        Path console = dir.resolve("console.log");
        // a hostile name reaches libvirt intact and harmless
        String name = "emotive-it-" + id.toString().substring(0, 8) + "-a&b<'\">";
        DomainStatus started = driver.createAndStart(definition(id, name, 1, 2, 128, 256, busybox, console));
        try {
            assertEquals(DomainState.RUNNING, started.state());
            assertEquals(name, started.domainName());
            awaitMarker(console);
            driver.suspend(id);
            assertEquals(DomainState.PAUSED, driver.status(id).orElseThrow().state());
            driver.resume(id);
            assertEquals(DomainState.RUNNING, driver.status(id).orElseThrow().state());
            assertTrue(driver.list().stream().anyMatch(d -> d.id().equals(id)));
            driver.powerOff(id);
            assertEquals(DomainState.SHUTOFF, driver.status(id).orElseThrow().state());
            assertThrows(EmotiveException.class, () -> driver.suspend(id));
        } finally {
            driver.destroyAndUndefine(id);
        }
        assertTrue(driver.status(id).isEmpty());
        assertTrue(driver.list().stream().noneMatch(d -> d.id().equals(id)));
        assertThrows(NotFoundException.class, () -> driver.start(id));
    }

    @Test
    void aDomainThatCannotStartIsNotLeftDefined(@TempDir Path dir) {
        UUID id = UUID.randomUUID();
        Image broken = Image.kernel("broken", dir.resolve("no-kernel"), dir.resolve("no-initrd"), "");
        List<UUID> before = driver.list().stream().map(DomainStatus::id).toList();
        assertThrows(EmotiveException.class, () -> driver.createAndStart(
                definition(id, "emotive-it-broken-" + id, 1, 1, 64, 64, broken, dir.resolve("c.log"))));
        assertTrue(driver.status(id).isEmpty());
        assertEquals(before, driver.list().stream().map(DomainStatus::id).toList());
    }

    @Test
    void aNameThatIsTakenIsAConflictAndTheOtherDomainIsUntouched(@TempDir Path dir) {
        UUID id = UUID.randomUUID();
        String name = "emotive-it-taken-" + id;
        driver.createAndStart(definition(id, name, 1, 1, 128, 128, busybox, dir.resolve("a.log")));
        try {
            UUID other = UUID.randomUUID();
            assertThrows(org.emotive.api.ConflictException.class, () -> driver.createAndStart(
                    definition(other, name, 1, 1, 128, 128, busybox, dir.resolve("b.log"))));
            assertTrue(driver.status(other).isEmpty());
            assertEquals(DomainState.RUNNING, driver.status(id).orElseThrow().state());
        } finally {
            driver.destroyAndUndefine(id);
        }
    }

    @Test
    void capacityIsTheHosts() {
        assertEquals(Runtime.getRuntime().availableProcessors(), driver.capacity().vcpus());
        assertTrue(driver.capacity().memoryMiB() > 512);
    }

    private static void awaitMarker(Path console) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(console) && Files.readString(console, StandardCharsets.ISO_8859_1).contains("EMOTIVE-GUEST-UP")) {
                    return;
                }
            } catch (java.io.IOException ignored) {
                // not written yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no boot marker in " + console);
    }

    private static KvmConfig config() {
        return new KvmConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return KvmConfig.class;
            }

            @Override
            public String uri() {
                return "qemu:///system";
            }

            @Override
            public String domainType() {
                return "auto";
            }

            @Override
            public String qemuBinary() {
                return "qemu-system-x86_64";
            }

            @Override
            public String probeKernel() {
                return "";
            }

            @Override
            public int probeTimeoutSeconds() {
                return 10;
            }
        };
    }
}
