package org.emotive.storage.local;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The full log of one build, written as it happens, which keeps its last lines for error messages. */
final class BuildLog implements Closeable {

    private static final Logger LOG = Logger.getLogger(BuildLog.class.getName());
    static final int TAIL_LINES = 30;

    private final BufferedWriter out;
    private final Deque<String> tail = new ArrayDeque<>(TAIL_LINES);

    /**
     * A plain FileOutputStream, not Files.newOutputStream: that one is an interruptible channel,
     * which an interrupt closes mid-build, and the log must outlive the interrupt to say what happened.
     */
    BuildLog(Path file) throws IOException {
        Files.createFile(file); // fails if anything, even a link, is there already
        out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(file.toFile(), true), StandardCharsets.UTF_8));
    }

    void line(String line) throws IOException {
        out.write(line);
        out.newLine();
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
        LOG.log(Level.FINEST, line);
    }

    /** Flushed so that a reader of the file sees the same lines as an exception message. */
    String tail() {
        try {
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.FINE, "build log flush failed", e);
        }
        return String.join("\n", tail);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
