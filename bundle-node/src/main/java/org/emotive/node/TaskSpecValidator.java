package org.emotive.node;

import org.emotive.api.InvalidFieldException;
import org.emotive.api.task.TaskSpec;

/** Checks what a user submits before anything is recorded: each error names its field. */
final class TaskSpecValidator {

    static final int MAX_COMMAND_BYTES = 64 * 1024;
    static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
    static final int DEFAULT_TIMEOUT_SECONDS = 3600;
    static final int MAX_NAME_BYTES = 255;

    private TaskSpecValidator() {
    }

    /** The spec with its defaults filled in. */
    static TaskSpec validate(TaskSpec spec) {
        if (spec == null) {
            throw new InvalidFieldException("spec", "spec is required");
        }
        String command = spec.command();
        if (command == null || command.isBlank()) {
            throw new InvalidFieldException("command", "command is required");
        }
        if (command.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_COMMAND_BYTES) {
            throw new InvalidFieldException("command", "command must not exceed " + MAX_COMMAND_BYTES + " bytes");
        }
        if (command.indexOf('\0') >= 0) {
            throw new InvalidFieldException("command", "command must not contain NUL");
        }
        if (spec.image() == null || spec.image().isBlank()) {
            throw new InvalidFieldException("image", "image is required");
        }
        Integer timeout = spec.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : spec.timeoutSeconds();
        if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
            throw new InvalidFieldException("timeoutSeconds", "timeoutSeconds must be between 1 and " + MAX_TIMEOUT_SECONDS);
        }
        return new TaskSpec(command, spec.image(), spec.vcpus(), spec.memoryMiB(), timeout);
    }

    /**
     * An input's file name, or a task output's path element: one plain name that stays inside
     * its folder. {@code field} names the offending input in the error.
     */
    static String requireFileName(String field, String name) {
        if (!isSafeFileName(name)) {
            throw new InvalidFieldException(field, field + " must be a plain file name (1-" + MAX_NAME_BYTES
                    + " bytes, no '/', NUL or control characters, not '.' or '..'), not '"
                    + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?")) + "'");
        }
        return name;
    }

    static boolean isSafeFileName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_NAME_BYTES
                && name.codePoints().noneMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c)
                        || c == 0x2028 || c == 0x2029 || c == 0xFFFD);
    }
}
