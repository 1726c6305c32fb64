package org.emotive.api.model;

import java.util.Locale;

/** Life-cycle states of a VM, as API.md names them on the wire (lower case). */
public enum VmState {
    CREATING, RUNNING, PAUSED, SHUTOFF, SAVED, MIGRATING, CRASHED, LOST, DELETING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a name that is no state */
    public static VmState fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
