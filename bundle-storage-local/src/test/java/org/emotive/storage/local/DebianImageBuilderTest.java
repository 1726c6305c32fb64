package org.emotive.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the builder refuses before running anything; the real builds are in DebianImageBuilderIT. */
class DebianImageBuilderTest {

    private static final DebianImageSpec SPEC =
            new DebianImageSpec("bookworm", "http://127.0.0.1:9/debian", "amd64", List.of(), 1);

    @Test
    void aTargetWithContentsIsNeitherUsedNorTouched(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("image"));
        Path existing = Files.writeString(target.resolve("disk.qcow2"), "someone else's");
        List<String> progress = new ArrayList<>();
        DebianImageBuilder builder = new DebianImageBuilder(dir.resolve("work"));

        assertThrows(FileAlreadyExistsException.class, () -> builder.build(SPEC, target, (p, pct) -> progress.add(p)));

        assertEquals("someone else's", Files.readString(existing));
        assertEquals(List.of(), progress);
        assertFalse(Files.exists(dir.resolve("work")));
    }

    @Test
    void aFileAsTargetIsRefused(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("image"), "a file");
        DebianImageBuilder builder = new DebianImageBuilder(dir.resolve("work"));
        assertThrows(FileAlreadyExistsException.class, () -> builder.build(SPEC, target, (p, pct) -> { }));
        assertEquals("a file", Files.readString(target));
    }

    @Test
    void nothingIsOptional(@TempDir Path dir) {
        DebianImageBuilder builder = new DebianImageBuilder(dir.resolve("work"));
        assertThrows(NullPointerException.class, () -> builder.build(null, dir.resolve("t"), (p, pct) -> { }));
        assertThrows(NullPointerException.class, () -> builder.build(SPEC, null, (p, pct) -> { }));
        assertThrows(NullPointerException.class, () -> builder.build(SPEC, dir.resolve("t"), null));
        assertFalse(Files.exists(dir.resolve("t")));
    }
}
