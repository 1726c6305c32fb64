package org.emotive.api.task;

/** One file the task left in {@code /out}: its path relative to {@code /out}, with {@code /} between folders. */
public record TaskOutput(String path, long sizeBytes) {
}
