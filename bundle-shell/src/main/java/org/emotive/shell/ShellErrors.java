package org.emotive.shell;

import java.util.Map;
import org.emotive.api.EmotiveException;
import org.emotive.api.InvalidFieldException;

/** Turns service errors into one clear line, naming the command's option rather than the API field. */
final class ShellErrors {

    private static final Map<String, String> OPTIONS = Map.of(
            "name", "NAME", "vcpus", "--vcpus", "memoryMiB", "--memory", "maxVcpus", "--max-vcpus",
            "maxMemoryMiB", "--max-memory", "image", "--image", "timeoutSeconds", "--timeout", "tail", "--lines");

    private ShellErrors() {
    }

    static String message(EmotiveException e) {
        if (e instanceof InvalidFieldException f) {
            return "invalid " + OPTIONS.getOrDefault(f.field(), f.field()) + " (" + f.field() + "): " + f.getMessage();
        }
        return e.getMessage();
    }
}
