package org.emotive.api.task;

import java.util.Locale;

/** Where a task is in its life; {@link #DONE}, {@link #FAILED} and {@link #CANCELLED} are final. */
public enum TaskState {
    QUEUED, STAGING, RUNNING, COLLECTING, DONE, FAILED, CANCELLED;

    /** The name on the wire, e.g. {@code running}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean ended() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
