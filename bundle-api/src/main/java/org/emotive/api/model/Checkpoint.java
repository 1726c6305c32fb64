package org.emotive.api.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A VM's memory and disk as they were at {@code createdAt}. {@code sealed} once its checksums
 * are written (shortly after the VM runs again): only a sealed checkpoint can be restored.
 */
public record Checkpoint(UUID id, UUID vm, Instant createdAt, long sizeBytes, String node, String image,
                         int vcpus, int memoryMiB, boolean sealed) {
}
