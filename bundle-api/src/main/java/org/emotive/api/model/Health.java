package org.emotive.api.model;

import java.util.List;

/** Whether a service can do its work, and if not, what is missing (human-readable, one line each). */
public record Health(boolean up, List<String> problems) {

    public Health {
        problems = List.copyOf(problems);
    }

    public static Health ok() {
        return new Health(true, List.of());
    }
}
