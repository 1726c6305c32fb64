package org.emotive.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.emotive.api.model.VmEvent;

/**
 * Each VM's state history: one JSON line per event, appended, so a crash can cost at most the
 * line being written (a torn last line is skipped on reading).
 */
final class VmEventLog {

    private static final Logger LOG = Logger.getLogger(VmEventLog.class.getName());

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    VmEventLog(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the event folder " + dir, e);
        }
    }

    synchronized void append(UUID vm, VmEvent event) {
        try {
            Files.writeString(file(vm), json.writeValueAsString(event) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record an event of VM " + vm, e);
        }
    }

    synchronized List<VmEvent> read(UUID vm) {
        Path file = file(vm);
        List<VmEvent> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    events.add(json.readValue(line, VmEvent.class));
                } catch (IOException torn) {
                    LOG.warning("skipping an unreadable event line of VM " + vm);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the events of VM " + vm, e);
        }
        return events;
    }

    synchronized void delete(UUID vm) {
        try {
            Files.deleteIfExists(file(vm));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the events of VM " + vm, e);
        }
    }

    private Path file(UUID vm) {
        return dir.resolve(vm + ".jsonl");
    }
}
