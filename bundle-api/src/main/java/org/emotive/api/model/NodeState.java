package org.emotive.api.model;

import java.util.Locale;

/** States of a node in the cluster (API.md). */
public enum NodeState {
    UP, SUSPECT, DOWN, DRAINING, OFF;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
