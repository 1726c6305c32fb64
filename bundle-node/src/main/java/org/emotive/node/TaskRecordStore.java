package org.emotive.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.emotive.api.task.Task;

/**
 * Task records: {@code <dir>/<id>.json}, written atomically before anything of the task runs,
 * so that a node that comes back finds every task it had; each task's files are in {@code <dir>/<id>/}.
 */
final class TaskRecordStore {

    private static final Logger LOG = Logger.getLogger(TaskRecordStore.class.getName());
    private static final String SUFFIX = ".json";

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<UUID, Task> cache = new ConcurrentHashMap<>();

    TaskRecordStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).forEach(this::load);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the task record folder " + dir, e);
        }
    }

    /** The folder of one task's files (inputs, disks, results). */
    Path filesOf(UUID id) {
        return dir.resolve(id.toString());
    }

    Collection<Task> all() {
        return List.copyOf(cache.values());
    }

    Optional<Task> get(UUID id) {
        return Optional.ofNullable(cache.get(id));
    }

    void put(Task task) {
        Path temp = dir.resolve(task.id() + SUFFIX + ".tmp");
        try {
            json.writeValue(temp.toFile(), task);
            try {
                Files.move(temp, file(task.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(task.id()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the record of task " + task.id(), e);
        }
        cache.put(task.id(), task);
    }

    void remove(UUID id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the record of task " + id, e);
        }
        cache.remove(id);
    }

    private Path file(UUID id) {
        return dir.resolve(id + SUFFIX);
    }

    private void load(Path f) {
        try {
            Task task = json.readValue(f.toFile(), Task.class);
            cache.put(task.id(), task);
        } catch (IOException e) {
            LOG.warning("skipping unreadable task record " + f + ": " + e.getMessage());
        }
    }
}
