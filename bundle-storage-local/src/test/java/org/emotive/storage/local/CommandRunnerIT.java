package org.emotive.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner with real processes: needs root for its namespaces, like the builder. */
class CommandRunnerIT {

    @Test
    void outputReachesTheLogAndTheListenerInOrder(@TempDir Path dir) throws Exception {
        List<String> seen = new ArrayList<>();
        try (BuildLog log = new BuildLog(dir.resolve("build.log"))) {
            new CommandRunner(log).run("test", List.of("sh", "-c", "echo one; echo two >&2; echo 'three; $(id)'"), seen::add);
        }
        assertEquals(List.of("one", "two", "three; $(id)"), seen);
        assertEquals(List.of("$ sh -c echo one; echo two >&2; echo 'three; $(id)'", "one", "two", "three; $(id)",
                "# exit status 0"), Files.readAllLines(dir.resolve("build.log")));
    }

    @Test
    void argumentsAreNotReadByAShell(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        List<String> seen = new ArrayList<>();
        try (BuildLog log = new BuildLog(dir.resolve("build.log"))) {
            new CommandRunner(log).run("test", List.of("echo", "a;", "touch", marker.toString(), "$(id)", "`id`"), seen::add);
        }
        assertEquals(List.of("a; touch " + marker + " $(id) `id`"), seen);
        assertFalse(Files.exists(marker));
    }

    @Test
    void aFailingCommandNamesThePhaseAndShowsTheLastLines(@TempDir Path dir) throws Exception {
        try (BuildLog log = new BuildLog(dir.resolve("build.log"))) {
            CommandRunner runner = new CommandRunner(log);
            ImageBuildException e = assertThrows(ImageBuildException.class, () -> runner.run("configure",
                    List.of("sh", "-c", "for i in $(seq 1 100); do echo line$i; done; echo 'E: it broke' >&2; exit 3")));
            assertEquals("configure", e.phase());
            assertTrue(e.getMessage().startsWith("image build failed in phase configure: sh exited with status 3"), e.getMessage());
            assertTrue(e.getMessage().contains("line100\nE: it broke\n# exit status 3"), e.getMessage());
            assertFalse(e.getMessage().contains("line70\n"), "more than the last lines: " + e.getMessage());
        }
    }

    @Test
    void aMissingProgramIsAClearFailure(@TempDir Path dir) throws Exception {
        try (BuildLog log = new BuildLog(dir.resolve("build.log"))) {
            ImageBuildException e = assertThrows(ImageBuildException.class,
                    () -> new CommandRunner(log).run("filesystem", List.of("no-such-program-" + UUID.randomUUID())));
            assertEquals("filesystem", e.phase());
            assertTrue(e.getMessage().contains("no-such-program-"), e.getMessage());
            assertTrue(e.getMessage().contains("not installed? scripts/host-setup.sh installs what a build needs"),
                    e.getMessage());
        }
    }

    @Test
    void interruptingKillsTheCommandAndWhatItStarted(@TempDir Path dir) throws Exception {
        String tag = "emotive-runner-it-" + UUID.randomUUID();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread building = new Thread(() -> {
            try (BuildLog log = new BuildLog(dir.resolve("build.log"))) {
                // a shell that ignores SIGTERM, a child and a grandchild, all with the tag in their environment
                new CommandRunner(log).run("test", List.of("sh", "-c", "export EMOTIVE_TAG=" + tag
                        + "; trap '' TERM; sleep 300 & sh -c 'sleep 300; true' & echo started; wait"), seen::add);
                outcome.set(new AssertionError("returned normally"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        building.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!seen.contains("started") || ProcessScan.runningWith(tag).size() < 4) { // sh, sleep, sh, sleep
            assertTrue(System.nanoTime() < deadline, "the command did not start");
            Thread.sleep(20);
        }
        building.interrupt();
        building.join(15_000);

        assertFalse(building.isAlive());
        assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
        assertEquals(List.of(), ProcessScan.runningWith(tag));
        assertTrue(Files.readString(dir.resolve("build.log")).contains("# killed sh"));
    }
}
