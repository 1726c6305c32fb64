package org.emotive.storage.local;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.emotive.api.InvalidFieldException;

/** Checks of node paths given by an operator: absolute, a readable regular file. */
final class FileChecks {

    private FileChecks() {
    }

    static Path readableFile(String field, Path file) {
        if (file == null) {
            throw new InvalidFieldException(field, field + " is required");
        }
        try {
            if (!file.isAbsolute() || file.toString().chars().anyMatch(c -> c < 0x20)) {
                throw new InvalidFieldException(field, field + " must be an absolute path");
            }
            Path real = file.normalize();
            if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
                throw new InvalidFieldException(field, field + " is not a readable file on this node: " + real);
            }
            return real;
        } catch (InvalidPathException e) {
            throw new InvalidFieldException(field, field + " is not a valid path");
        }
    }

    static String cmdline(String cmdline) {
        if (cmdline != null && (cmdline.length() > 1024 || cmdline.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw new InvalidFieldException("cmdline", "cmdline must be at most 1024 printable characters");
        }
        return cmdline;
    }
}
