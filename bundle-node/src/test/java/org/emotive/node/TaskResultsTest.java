package org.emotive.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.emotive.api.task.TaskOutput;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output disks made by mke2fs -d here, as a (hostile) guest could leave them, read back with debugfs. */
class TaskResultsTest {

    private static Path disk(Path dir, Path content) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/debugfs")), "e2fsprogs is not installed");
        Path img = dir.resolve("out.img");
        HostProgram.run(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-L", "emotive-out", "-d", content.toString(),
                img.toString(), "16M"), dir, Duration.ofMinutes(1));
        return img;
    }

    @Test
    void filesComeBackAndLinksDevicesAndEscapesDoNot(@TempDir Path dir) throws Exception {
        Path guest = Files.createDirectories(dir.resolve("guest"));
        Files.writeString(guest.resolve("exit-code"), "0\n");
        Files.writeString(guest.resolve("stdout"), "hello\n");
        Path out = Files.createDirectories(guest.resolve("out"));
        Files.writeString(out.resolve("sum.txt"), "abc\n");
        Files.writeString(Files.createDirectories(out.resolve("deep/er")).resolve("x"), "x");
        Files.createSymbolicLink(out.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(out.resolve("up"), Path.of("../.."));
        Process fifo = new ProcessBuilder("mkfifo", out.resolve("pipe").toString()).start();
        assertEquals(0, fifo.waitFor());
        Path results = Files.createDirectories(dir.resolve("results"));

        TaskResults r = new TaskResults(results);
        assertEquals(0, r.collect(disk(dir, guest)));

        assertEquals("hello\n", Files.readString(r.stdout()));
        assertEquals(List.of(new TaskOutput("deep/er/x", 1), new TaskOutput("sum.txt", 4)), r.outputs());
        assertFalse(Files.exists(r.outDir().resolve("passwd"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(r.outDir().resolve("up"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(r.outDir().resolve("pipe"), LinkOption.NOFOLLOW_LINKS));
        try (var left = Files.list(results)) {
            assertEquals(List.of("out", "stdout"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no scratch files and no exit-code file are left");
        }
    }

    @Test
    void aGuestThatLeftNothingHasNoExitCode(@TempDir Path dir) throws Exception {
        Path guest = Files.createDirectories(dir.resolve("guest"));
        Files.writeString(guest.resolve("exit-code"), "not a number");
        TaskResults r = new TaskResults(Files.createDirectories(dir.resolve("results")));
        assertNull(r.collect(disk(dir, guest)));
        assertTrue(r.outputs().isEmpty());
    }

    @Test
    void listingLinesThatCannotBeToldApartAreSkipped() {
        assertEquals(new TaskResults.Entry(15, 0100644, "sum.txt", 79), TaskResults.parse("/15/100644/0/0/sum.txt/79/"));
        assertNull(TaskResults.parse("/15/100644/0/0/a/b/79/"));
        assertNull(TaskResults.parse("debugfs 1.47.0 (5-Feb-2023)"));
        assertNull(TaskResults.parse("/x/100644/0/0/a/79/"));
    }
}
