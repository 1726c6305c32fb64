package org.emotive.api.hypervisor;

/** A domain's state as the hypervisor reports it. */
public enum DomainState {
    RUNNING, PAUSED, SHUTOFF,
    /** Shut off with its memory stored by the hypervisor: the next start resumes it where it was. */
    SAVED,
    CRASHED, SHUTTING_DOWN, SUSPENDED_TO_DISK, OTHER
}
