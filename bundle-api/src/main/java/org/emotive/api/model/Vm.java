package org.emotive.api.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A VM as every interface returns it (API.md "A VM as returned everywhere"), with the size of
 * its home disk ({@code homeGiB}, 0: none).
 */
public record Vm(UUID id, String name, String owner, VmState state,
                 int vcpus, int memoryMiB, int maxVcpus, int maxMemoryMiB,
                 String image, String node, String hypervisor, List<String> addresses,
                 Instant createdAt, Instant updatedAt, int homeGiB) {

    public Vm {
        addresses = List.copyOf(addresses);
    }

    /** A VM without a home disk. */
    public Vm(UUID id, String name, String owner, VmState state, int vcpus, int memoryMiB, int maxVcpus,
              int maxMemoryMiB, String image, String node, String hypervisor, List<String> addresses,
              Instant createdAt, Instant updatedAt) {
        this(id, name, owner, state, vcpus, memoryMiB, maxVcpus, maxMemoryMiB, image, node, hypervisor, addresses,
                createdAt, updatedAt, 0);
    }

    public Vm withSizes(int newVcpus, int newMemoryMiB, Instant at) {
        return new Vm(id, name, owner, state, newVcpus, newMemoryMiB, maxVcpus, maxMemoryMiB,
                image, node, hypervisor, addresses, createdAt, at, homeGiB);
    }

    public Vm withAddresses(List<String> newAddresses, Instant at) {
        return new Vm(id, name, owner, state, vcpus, memoryMiB, maxVcpus, maxMemoryMiB,
                image, node, hypervisor, newAddresses, createdAt, at, homeGiB);
    }

    public Vm withState(VmState newState, Instant at) {
        return new Vm(id, name, owner, newState, vcpus, memoryMiB, maxVcpus, maxMemoryMiB,
                image, node, hypervisor, addresses, createdAt, at, homeGiB);
    }
}
