package org.emotive.api.model;

import java.time.Instant;

/**
 * One change of a VM's state. {@code from} is {@code null} for the first event of a VM;
 * {@code reason} says what caused it (a request, or what the hypervisor was seen doing).
 */
public record VmEvent(Instant at, VmState from, VmState to, String reason) {
}
