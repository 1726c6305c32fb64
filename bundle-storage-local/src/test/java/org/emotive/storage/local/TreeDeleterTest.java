package org.emotive.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeDeleterTest {

    @Test
    void linksAreDeletedNotFollowed(@TempDir Path dir) throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("precious"), "keep");
        Path tree = Files.createDirectories(dir.resolve("tree/etc"));
        Files.createSymbolicLink(tree.resolve("abs"), outside);
        Files.createSymbolicLink(tree.resolve("rel"), Path.of("../../outside/precious"));
        Files.createSymbolicLink(tree.resolve("dangling"), Path.of("/nonexistent/x"));
        Files.writeString(tree.resolve("file"), "x");

        TreeDeleter.deleteTree(dir.resolve("tree"));

        assertFalse(Files.exists(dir.resolve("tree")));
        assertEquals("keep", Files.readString(precious));
        TreeDeleter.deleteTree(dir.resolve("tree")); // absent: nothing to do
    }

    @Test
    void mountPointsAreFoundBelowAFolderOnly(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), TreeDeleter.mountPointsUnder(dir));
        assertTrue(TreeDeleter.mountPointsUnder(Path.of("/")).contains(Path.of("/proc")));
        assertTrue(TreeDeleter.mountPointsUnder(Path.of("/proc/..")).contains(Path.of("/proc")));
    }
}
