package org.emotive.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program of the host (mke2fs, debugfs) from an argument list, never through a shell,
 * with a deadline; its output goes to a file so a chatty program cannot block on a full pipe.
 */
final class HostProgram {

    private static final int MAX_REPORTED_CHARS = 2000;

    private HostProgram() {
    }

    /** Runs {@code command} in {@code workDir}; its stdout and stderr, or an exception naming the program. */
    static String run(List<String> command, Path workDir, Duration timeout) {
        Path log = null;
        try {
            log = Files.createTempFile(workDir, ".program", ".log");
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            String out = Files.readString(log, StandardCharsets.ISO_8859_1);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed (exit " + p.exitValue() + "): "
                        + out.substring(0, Math.min(out.length(), MAX_REPORTED_CHARS)).strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a left-over log in the task's folder goes with the folder
                }
            }
        }
    }
}
