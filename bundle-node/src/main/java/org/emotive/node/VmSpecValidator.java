package org.emotive.node;

import java.util.regex.Pattern;
import org.emotive.api.ConflictException;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.model.Vm;
import org.emotive.api.model.VmSpec;

/**
 * Checks a VM spec before anything is changed. Names must be DNS labels, because they end up
 * in libvirt, DNS and file names; sizes must fit this node's limits.
 */
final class VmSpecValidator {

    static final int MIN_MEMORY_MIB = 16;
    static final int MAX_DISK_GIB = 16384;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private final int maxVcpus;
    private final int maxMemoryMiB;
    private final int defaultVcpus;
    private final int defaultMemoryMiB;
    private final Integer defaultDiskGiB;
    private final int defaultHomeGiB;

    VmSpecValidator(int maxVcpus, int maxMemoryMiB) {
        this(maxVcpus, maxMemoryMiB, 1, 128, 0, 0);
    }

    /** {@code defaultDiskGiB == 0}: no default disk size (the image's own); {@code defaultHomeGiB == 0}: no home disk. */
    VmSpecValidator(int maxVcpus, int maxMemoryMiB, int defaultVcpus, int defaultMemoryMiB, int defaultDiskGiB,
                    int defaultHomeGiB) {
        this.maxVcpus = maxVcpus;
        this.maxMemoryMiB = maxMemoryMiB;
        this.defaultVcpus = defaultVcpus;
        this.defaultMemoryMiB = defaultMemoryMiB;
        this.defaultDiskGiB = defaultDiskGiB == 0 ? null : defaultDiskGiB;
        this.defaultHomeGiB = defaultHomeGiB;
    }

    static VmSpecValidator of(NodeSettings s) {
        return new VmSpecValidator(s.maxVcpusPerVm(), s.maxMemoryMiBPerVm(), s.defaultVcpus(), s.defaultMemoryMiB(),
                s.defaultDiskGiB(), s.defaultHomeGiB());
    }

    /** The spec with its defaults and maximums filled in ({@code homeGiB} 0: none); throws naming the first bad field. */
    VmSpec validate(VmSpec requested) {
        VmSpec spec = withDefaults(requested);
        requireName(spec.name());
        if (spec.image() == null || spec.image().isBlank()) {
            throw new InvalidFieldException("image", "image is required");
        }
        inRange("vcpus", spec.vcpus(), 1, maxVcpus);
        inRange("memoryMiB", spec.memoryMiB(), MIN_MEMORY_MIB, maxMemoryMiB);
        int vcpuCeiling = spec.maxVcpus() == null ? spec.vcpus() : spec.maxVcpus();
        int memoryCeiling = spec.maxMemoryMiB() == null ? spec.memoryMiB() : spec.maxMemoryMiB();
        inRange("maxVcpus", vcpuCeiling, spec.vcpus(), maxVcpus);
        inRange("maxMemoryMiB", memoryCeiling, spec.memoryMiB(), maxMemoryMiB);
        if (spec.diskGiB() != null) {
            inRange("diskGiB", spec.diskGiB(), 1, MAX_DISK_GIB);
        }
        inRange("homeGiB", spec.homeGiB(), 0, MAX_DISK_GIB);
        return new VmSpec(spec.name(), spec.vcpus(), spec.memoryMiB(), spec.image(),
                vcpuCeiling, memoryCeiling, spec.diskGiB(), spec.homeGiB());
    }

    /**
     * New sizes for an existing VM: a size that is no size at all is bad input (400); one above
     * the maximums the VM was created with conflicts with its definition (409).
     */
    void requireSizesWithin(Vm vm, int vcpus, int memoryMiB) {
        if (vcpus < 1) {
            throw new InvalidFieldException("vcpus", "vcpus must be at least 1");
        }
        if (memoryMiB < MIN_MEMORY_MIB) {
            throw new InvalidFieldException("memoryMiB", "memoryMiB must be at least " + MIN_MEMORY_MIB);
        }
        if (vcpus > vm.maxVcpus()) {
            throw new ConflictException("vcpus " + vcpus + " is above the VM's maxVcpus " + vm.maxVcpus()
                    + " (set when it was created)");
        }
        if (memoryMiB > vm.maxMemoryMiB()) {
            throw new ConflictException("memoryMiB " + memoryMiB + " is above the VM's maxMemoryMiB "
                    + vm.maxMemoryMiB() + " (set when it was created)");
        }
    }

    private VmSpec withDefaults(VmSpec s) {
        return new VmSpec(s.name(), s.vcpus() == null ? defaultVcpus : s.vcpus(),
                s.memoryMiB() == null ? defaultMemoryMiB : s.memoryMiB(), s.image(), s.maxVcpus(), s.maxMemoryMiB(),
                s.diskGiB() == null ? defaultDiskGiB : s.diskGiB(), s.homeGiB() == null ? defaultHomeGiB : s.homeGiB());
    }

    static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidFieldException("name", "name is required");
        }
        if (!DNS_LABEL.matcher(name).matches() || name.endsWith("-")) {
            throw new InvalidFieldException("name",
                    "name must be 1-63 characters of a-z, 0-9 and '-', start with a letter and not end with '-'");
        }
    }

    private static void inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidFieldException(field, field + " must be between " + min + " and " + max);
        }
    }
}
