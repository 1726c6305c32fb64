package org.emotive.api.model;

/**
 * What a user asks for when creating a VM. Sizes left {@code null} take the node's defaults
 * ({@code defaultVcpus}, {@code defaultMemoryMiB}, {@code defaultDiskGiB}); maximums left
 * {@code null} equal the initial sizes.
 */
public record VmSpec(String name, Integer vcpus, Integer memoryMiB, String image,
                     Integer maxVcpus, Integer maxMemoryMiB, Integer diskGiB) {
}
