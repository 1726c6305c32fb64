package org.emotive.api.model;

/**
 * A node as the API shows it. {@code hypervisor} is {@code null} while no driver is present,
 * and then {@code capacity} is zero.
 */
public record NodeInfo(String id, String address, NodeState state, String hypervisor,
                       Resources capacity, Resources used, int vms) {
}
