package org.emotive.api.model;

/**
 * What a user asks for when creating a VM. Sizes left {@code null} take the node's defaults
 * ({@code defaultVcpus}, {@code defaultMemoryMiB}, {@code defaultDiskGiB}, {@code defaultHomeGiB});
 * maximums left {@code null} equal the initial sizes. {@code homeGiB} is the size of the VM's
 * home disk, an empty ext4 file system labelled {@code emotive-home} (0: none).
 */
public record VmSpec(String name, Integer vcpus, Integer memoryMiB, String image,
                     Integer maxVcpus, Integer maxMemoryMiB, Integer diskGiB, Integer homeGiB) {

    /** A spec whose home disk is the node's default. */
    public VmSpec(String name, Integer vcpus, Integer memoryMiB, String image,
                  Integer maxVcpus, Integer maxMemoryMiB, Integer diskGiB) {
        this(name, vcpus, memoryMiB, image, maxVcpus, maxMemoryMiB, diskGiB, null);
    }
}
