package org.emotive.storage.local;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Runs the build's external commands one at a time, each in its own mount and PID namespace
 * ({@code unshare --mount --pid --fork --kill-child}): what a command mounts (debootstrap mounts
 * /proc and /sys inside the root file system) is never seen by the host and vanishes with it, and
 * killing the command kills everything it started. Arguments go to the kernel as a list, never
 * through a shell. Output (stdout and stderr together) goes line by line to the build log and to a
 * listener, both on the calling thread; interrupting that thread kills the command.
 */
final class CommandRunner {

    static final List<String> ISOLATION =
            List.of("unshare", "--mount", "--propagation", "private", "--pid", "--fork", "--kill-child", "--");
    // a fixed, root-style PATH: debootstrap, chroot and mke2fs live in sbin, which a user's PATH may lack
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Object END_OF_OUTPUT = new Object();
    private static final String HOST_SETUP = "scripts/host-setup.sh installs what a build needs";

    private final BuildLog log;

    CommandRunner(BuildLog log) {
        this.log = log;
    }

    /** Runs the command to its end; returns only if it exited with status 0. */
    void run(String phase, List<String> command, Consumer<String> onLine) throws IOException, InterruptedException {
        log.line("$ " + String.join(" ", command));
        List<String> isolated = new ArrayList<>(ISOLATION);
        isolated.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(isolated)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("PATH", PATH);
        env.put("LC_ALL", "C"); // messages in English: debootstrap's progress lines are parsed
        env.put("DEBIAN_FRONTEND", "noninteractive");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ImageBuildException(phase, "cannot start " + command.get(0) + " (" + HOST_SETUP + "): "
                    + e.getMessage(), log.tail(), e);
        }
        try {
            BlockingQueue<Object> lines = startReader(process, command.get(0));
            for (Object line = lines.take(); line != END_OF_OUTPUT; line = lines.take()) {
                log.line((String) line);
                onLine.accept((String) line);
            }
            int status = process.waitFor();
            log.line("# exit status " + status);
            if (status != 0) {
                // 126/127: unshare could not execute the program
                String hint = status == 126 || status == 127 ? " (not installed? " + HOST_SETUP + ")" : "";
                throw new ImageBuildException(phase, command.get(0) + " exited with status " + status + hint, log.tail());
            }
        } finally {
            if (process.isAlive()) { // interrupted, or the log could not be written
                ProcessTree.kill(process);
                noteKilled(command.get(0));
            }
        }
    }

    private void noteKilled(String name) {
        try {
            log.line("# killed " + name);
        } catch (IOException e) {
            // the log is what failed: the exception on its way out says so already
        }
    }

    void run(String phase, List<String> command) throws IOException, InterruptedException {
        run(phase, command, line -> { });
    }

    /** Reads on a helper thread so that the calling thread waits interruptibly, on the queue. */
    private static BlockingQueue<Object> startReader(Process process, String name) {
        BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("# output unreadable: " + e.getMessage());
            } finally {
                lines.add(END_OF_OUTPUT);
            }
        }, "output of " + name);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
