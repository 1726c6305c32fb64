package org.emotive.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emotive.api.ConflictException;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.model.Vm;
import org.emotive.api.model.VmSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VmSpecValidatorTest {

    private final VmSpecValidator validator = new VmSpecValidator(8, 4096);

    private static VmSpec spec(String name, int vcpus, int memory, Integer maxVcpus, Integer maxMemory, Integer disk) {
        return new VmSpec(name, vcpus, memory, "busybox", maxVcpus, maxMemory, disk);
    }

    private String failingField(VmSpec spec) {
        return assertThrows(InvalidFieldException.class, () -> validator.validate(spec)).field();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Web", "1web", "-web", "web-", "we b", "web'1", "web\"1", "<web>", "a&b", "a/b", "..",
            "web.1", "wéb", "web\u0000", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void rejectsNamesThatAreNoDnsLabel(String name) {
        assertEquals("name", failingField(spec(name, 1, 128, null, null, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "web-1", "a1-b2-c3", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void acceptsDnsLabels(String name) {
        assertEquals(name, validator.validate(spec(name, 1, 128, null, null, null)).name());
    }

    @Test
    void nullNameIsRejected() {
        assertEquals("name", failingField(spec(null, 1, 128, null, null, null)));
    }

    @Test
    void sizesMustFitTheNodeLimits() {
        assertEquals("vcpus", failingField(spec("v", 0, 128, null, null, null)));
        assertEquals("vcpus", failingField(spec("v", -1, 128, null, null, null)));
        assertEquals("vcpus", failingField(spec("v", 9, 128, null, null, null)));
        assertEquals("memoryMiB", failingField(spec("v", 1, 15, null, null, null)));
        assertEquals("memoryMiB", failingField(spec("v", 1, 4097, null, null, null)));
        assertEquals("maxVcpus", failingField(spec("v", 2, 128, 1, null, null)));
        assertEquals("maxVcpus", failingField(spec("v", 2, 128, 9, null, null)));
        assertEquals("maxMemoryMiB", failingField(spec("v", 1, 256, null, 128, null)));
        assertEquals("diskGiB", failingField(spec("v", 1, 128, null, null, 0)));
    }

    @Test
    void maximumsDefaultToTheInitialSizes() {
        VmSpec filled = validator.validate(spec("v", 2, 256, null, null, null));
        assertEquals(2, filled.maxVcpus());
        assertEquals(256, filled.maxMemoryMiB());
        VmSpec given = validator.validate(spec("v", 1, 128, 4, 1024, 2));
        assertEquals(4, given.maxVcpus());
        assertEquals(1024, given.maxMemoryMiB());
    }

    @Test
    void theHomeDiskTakesTheNodesDefaultUnlessGivenAndZeroMeansNone() {
        VmSpecValidator withHome = new VmSpecValidator(8, 4096, 1, 128, 0, 5);
        assertEquals(5, withHome.validate(spec("v", 1, 128, null, null, null)).homeGiB());
        assertEquals(0, withHome.validate(new VmSpec("v", 1, 128, "busybox", null, null, null, 0)).homeGiB());
        assertEquals(2, withHome.validate(new VmSpec("v", 1, 128, "busybox", null, null, null, 2)).homeGiB());
        assertEquals(0, validator.validate(spec("v", 1, 128, null, null, null)).homeGiB());
        assertEquals("homeGiB", failingField(new VmSpec("v", 1, 128, "busybox", null, null, null, -1)));
        assertEquals("homeGiB", failingField(new VmSpec("v", 1, 128, "busybox", null, null, null, 16385)));
    }

    @Test
    void imageIsRequired() {
        assertEquals("image", failingField(new VmSpec("v", 1, 128, " ", null, null, null)));
    }

    @Test
    void resizesStayWithinTheVmsMaximums() {
        Vm vm = new Vm(java.util.UUID.randomUUID(), "web-1", "karaf", org.emotive.api.model.VmState.RUNNING, 1, 128, 2,
                256, "busybox", "node-1", "kvm", java.util.List.of(), java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        validator.requireSizesWithin(vm, 2, 256);
        validator.requireSizesWithin(vm, 1, 16);
        assertEquals("vcpus", assertThrows(InvalidFieldException.class,
                () -> validator.requireSizesWithin(vm, 0, 128)).field());
        assertEquals("memoryMiB", assertThrows(InvalidFieldException.class,
                () -> validator.requireSizesWithin(vm, 1, 15)).field());
        assertTrue(assertThrows(ConflictException.class, () -> validator.requireSizesWithin(vm, 3, 128))
                .getMessage().contains("maxVcpus 2"));
        assertTrue(assertThrows(ConflictException.class, () -> validator.requireSizesWithin(vm, 1, 257))
                .getMessage().contains("maxMemoryMiB 256"));
    }
}
