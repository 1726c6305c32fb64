package org.emotive.api.model;

/** An amount of compute: a node's capacity or what its VMs use. */
public record Resources(int vcpus, long memoryMiB) {
}
