package org.emotive.api.task;

import java.io.InputStream;

/** One input file: {@code name} is its file name under {@code /in} in the guest. */
public record TaskInput(String name, InputStream content) {
}
