package org.emotive.storage.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Removes a folder and everything in it, as {@link TreeDeleter} does, for callers that cannot throw IOException. */
final class Tree {

    private Tree() {
    }

    static void delete(Path dir) {
        try {
            TreeDeleter.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
