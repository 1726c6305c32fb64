package org.emotive.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A VM's periodic checkpoint policy, kept beside its checkpoints
 * ({@code <vmDir>/checkpoint-schedule.json}) so that it survives restarts and goes with the VM.
 */
final class CheckpointSchedules {

    static final Duration MIN_EVERY = Duration.ofSeconds(10);
    static final Duration MAX_EVERY = Duration.ofDays(30);
    static final int MAX_KEEP = 100;
    private static final String FILE = "checkpoint-schedule.json";
    private static final Logger LOG = Logger.getLogger(CheckpointSchedules.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every {@code everySeconds}, keep the last {@code keep}. */
    record Schedule(long everySeconds, int keep) {
        Duration every() {
            return Duration.ofSeconds(everySeconds);
        }
    }

    Optional<Schedule> read(Path vmDir) {
        Path file = vmDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Schedule.class));
        } catch (IOException e) {
            LOG.warning("unreadable checkpoint schedule " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    void write(Path vmDir, Schedule schedule) {
        try {
            Files.createDirectories(vmDir);
            Path tmp = vmDir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), schedule);
            Files.move(tmp, vmDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the checkpoint schedule in " + vmDir, e);
        }
    }

    void remove(Path vmDir) {
        try {
            Files.deleteIfExists(vmDir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the checkpoint schedule in " + vmDir, e);
        }
    }
}
