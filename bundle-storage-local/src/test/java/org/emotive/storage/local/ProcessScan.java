package org.emotive.storage.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test helper: the running (not zombie) processes that mention a string in their command line,
 * environment, working folder or root folder (a chroot), so that children which do not repeat
 * their parent's arguments are found too.
 */
final class ProcessScan {

    private ProcessScan() {
    }

    static List<String> runningWith(String needle) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .filter(p -> ProcessHandle.current().pid() != Long.parseLong(p.getFileName().toString()))
                    .filter(p -> mentions(p, needle))
                    .filter(p -> ProcessTree.isRunning(Long.parseLong(p.getFileName().toString())))
                    .map(p -> p.getFileName() + " " + read(p.resolve("cmdline")))
                    .toList();
        }
    }

    private static boolean mentions(Path proc, String needle) {
        return read(proc.resolve("cmdline")).contains(needle) || read(proc.resolve("environ")).contains(needle)
                || link(proc.resolve("cwd")).contains(needle) || link(proc.resolve("root")).contains(needle);
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // exited meanwhile, or a kernel thread
        }
    }

    private static String link(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
