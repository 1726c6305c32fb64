package org.emotive.api.model;

/**
 * What a user asks for when creating a VM. Optional sizes are {@code null} when not given;
 * the node fills in defaults (maximums equal the initial sizes).
 */
public record VmSpec(String name, int vcpus, int memoryMiB, String image,
                     Integer maxVcpus, Integer maxMemoryMiB, Integer diskGiB) {
}
