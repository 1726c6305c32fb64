package org.emotive.storage.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** Kills a process with everything it started, and tells running processes from zombies. */
final class ProcessTree {

    private static final Logger LOG = Logger.getLogger(ProcessTree.class.getName());
    private static final long KILL_WAIT_MILLIS = 10_000;

    private ProcessTree() {
    }

    /**
     * SIGKILLs the process, then what it had started (parent first, so it cannot start more), and
     * waits until none of them runs. Not interruptible: the caller is usually cleaning up after an
     * interruption; the thread's interrupt status is kept.
     */
    static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MILLIS);
        try {
            while (process.isAlive() || descendants.stream().anyMatch(h -> isRunning(h.pid()))) {
                if (System.nanoTime() > deadline) {
                    LOG.warning("processes still running 10 s after SIGKILL: " + process.pid() + " " + descendants);
                    return;
                }
                try {
                    process.waitFor(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Whether the process exists and is not a zombie. Java's own isAlive() counts zombies as alive,
     * and a killed process whose parent died waits as a zombie until init reaps it.
     */
    static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) state ...": comm may hold spaces and parentheses, the state follows the last ')'
            int end = stat.lastIndexOf(')');
            char state = end > 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : 'X';
            return state != 'Z' && state != 'X' && state != 'x';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            // gone between listing and reading, or /proc unreadable: the process is not ours to wait for
            return false;
        }
    }
}
