package org.emotive.api.hypervisor;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.emotive.api.image.DiskFile;

/**
 * Everything a driver needs to define one domain. The {@code id} becomes the domain's UUID,
 * {@code domainName} its (already safe, unique) name on the hypervisor; the serial console
 * is appended to {@code consoleLog}. {@code kernel}/{@code initrd}/{@code cmdline} are set
 * for direct kernel boot, else the guest boots from {@code disk}; {@code disk} is
 * {@code null} for a diskless guest. {@code extraDisks} follow it as further virtio disks
 * ({@code vdb}, {@code vdc}, ...), e.g. a task's input and output disks. {@code network}, when
 * set, is the libvirt network of its one virtio NIC, whose MAC address is derived from {@code id}.
 */
public record DomainDefinition(UUID id, String domainName, int vcpus, int maxVcpus,
                               int memoryMiB, int maxMemoryMiB, Path kernel, Path initrd, String cmdline,
                               DiskFile disk, Path consoleLog, List<DiskFile> extraDisks, String network) {

    public DomainDefinition {
        extraDisks = extraDisks == null ? List.of() : List.copyOf(extraDisks);
    }

    /** A domain without extra disks or NIC. */
    public DomainDefinition(UUID id, String domainName, int vcpus, int maxVcpus, int memoryMiB, int maxMemoryMiB,
                            Path kernel, Path initrd, String cmdline, DiskFile disk, Path consoleLog) {
        this(id, domainName, vcpus, maxVcpus, memoryMiB, maxMemoryMiB, kernel, initrd, cmdline, disk, consoleLog,
                List.of(), null);
    }

    /** A domain with extra disks and no NIC. */
    public DomainDefinition(UUID id, String domainName, int vcpus, int maxVcpus, int memoryMiB, int maxMemoryMiB,
                            Path kernel, Path initrd, String cmdline, DiskFile disk, Path consoleLog,
                            List<DiskFile> extraDisks) {
        this(id, domainName, vcpus, maxVcpus, memoryMiB, maxMemoryMiB, kernel, initrd, cmdline, disk, consoleLog,
                extraDisks, null);
    }

    /** A domain with a NIC on {@code network} and no extra disks. */
    public DomainDefinition(UUID id, String domainName, int vcpus, int maxVcpus, int memoryMiB, int maxMemoryMiB,
                            Path kernel, Path initrd, String cmdline, DiskFile disk, Path consoleLog, String network) {
        this(id, domainName, vcpus, maxVcpus, memoryMiB, maxMemoryMiB, kernel, initrd, cmdline, disk, consoleLog,
                List.of(), network);
    }
}
