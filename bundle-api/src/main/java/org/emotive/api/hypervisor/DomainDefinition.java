package org.emotive.api.hypervisor;

import java.nio.file.Path;
import java.util.UUID;
import org.emotive.api.image.Image;

/**
 * Everything a driver needs to define one domain. The {@code id} becomes the domain's UUID,
 * {@code domainName} its (already safe, unique) name on the hypervisor; the serial console
 * is appended to {@code consoleLog}.
 */
public record DomainDefinition(UUID id, String domainName, int vcpus, int maxVcpus,
                               int memoryMiB, int maxMemoryMiB, Image image, Path consoleLog) {
}
