package org.emotive.node;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The serial console log files of the node's VMs, written by the hypervisor. */
final class ConsoleLog {

    /** At most this much of the log's end is read to find the last lines. */
    private static final int MAX_TAIL_BYTES = 1 << 20;

    private final Path dir;

    ConsoleLog(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the console folder " + dir, e);
        }
    }

    Path path(UUID vm) {
        return dir.resolve(vm + ".log");
    }

    void delete(UUID vm) {
        try {
            Files.deleteIfExists(path(vm));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete console log of " + vm, e);
        }
    }

    /** The last {@code lines} lines (fewer if the log is shorter); empty if nothing was written yet. */
    String tail(UUID vm, int lines) {
        Path file = path(vm);
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_TAIL_BYTES);
            byte[] buf = new byte[size];
            raf.seek(length - size);
            raf.readFully(buf);
            return lastLines(new String(buf, StandardCharsets.UTF_8), lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console log of " + vm, e);
        }
    }

    static String lastLines(String text, int lines) {
        // serial consoles end lines with \r\n; show plain \n
        String normal = text.replace("\r\n", "\n").replace('\r', '\n');
        int end = normal.endsWith("\n") ? normal.length() - 1 : normal.length();
        int start = end;
        for (int found = 0; start > 0; start--) {
            if (normal.charAt(start - 1) == '\n' && ++found == lines) {
                break;
            }
        }
        return normal.substring(start, Math.max(start, end)) + (end > start ? "\n" : "");
    }
}
