package org.emotive.api.hypervisor;

import java.util.UUID;

/** One domain the hypervisor knows, with its current state. */
public record DomainStatus(UUID id, String domainName, DomainState state) {
}
