package org.emotive.storage.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a program with its arguments as a list (never through a shell, so no name or path
 * is ever parsed as shell syntax), with a time limit; an interrupted caller kills it.
 */
final class Command {

    private static final int KEPT_LINES = 20;

    private final List<String> argv;
    private final Duration timeout;

    Command(List<String> argv, Duration timeout) {
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
    }

    /** Runs to the end and returns its output (stdout and stderr together). */
    String run() {
        StringBuilder out = new StringBuilder();
        run(line -> out.append(line).append('\n'), null);
        return out.toString();
    }

    /**
     * Runs to the end, giving each output line (split on {@code \n} and {@code \r}, so progress
     * bars arrive as they change) to {@code lines} and copying it to {@code log} when given.
     */
    void run(Consumer<String> lines, Writer log) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new CommandException(argv.get(0) + " cannot be started: " + e.getMessage(), e);
        }
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            Thread killer = timer(p);
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = r.read()) != -1) {
                if (c == '\n' || c == '\r') {
                    emit(line, lines, log, last);
                } else {
                    line.append((char) c);
                }
            }
            emit(line, lines, log, last);
            int exit = p.waitFor();
            killer.interrupt();
            if (exit != 0) {
                throw new CommandException(argv.get(0) + " failed (exit " + exit + "): " + String.join(" | ", last));
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandException(argv.get(0) + " was stopped: the work was cancelled", e);
        }
    }

    private static void emit(StringBuilder line, Consumer<String> lines, Writer log, Deque<String> last)
            throws IOException {
        if (line.isEmpty()) {
            return;
        }
        String text = line.toString();
        line.setLength(0);
        lines.accept(text);
        if (log != null) {
            log.write(text);
            log.write('\n');
            log.flush();
        }
        last.addLast(text);
        if (last.size() > KEPT_LINES) {
            last.removeFirst();
        }
    }

    /** Kills the process when the time is up; the reader then sees the end of its output. */
    private Thread timer(Process p) {
        Thread t = new Thread(() -> {
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        }, "emotive-command-timer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A command that could not run or ended badly; the message ends with its last output lines. */
    static final class CommandException extends RuntimeException {
        CommandException(String message) {
            super(message);
        }

        CommandException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
