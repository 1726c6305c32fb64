package org.emotive.api.hypervisor;

/** A domain's state as the hypervisor reports it. */
public enum DomainState {
    RUNNING, PAUSED, SHUTOFF, CRASHED, SHUTTING_DOWN, SUSPENDED_TO_DISK, OTHER
}
