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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.emotive.api.model.Vm;

/**
 * The node's VM records: one JSON file per VM, written atomically (temp file + rename) so a
 * crash never leaves half a record, and cached in memory.
 */
final class VmRecordStore {

    private static final Logger LOG = Logger.getLogger(VmRecordStore.class.getName());
    private static final String SUFFIX = ".json";

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<UUID, Vm> cache = new ConcurrentHashMap<>();

    VmRecordStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the VM record folder " + dir, e);
        }
        load();
    }

    Collection<Vm> all() {
        return List.copyOf(cache.values());
    }

    Optional<Vm> get(UUID id) {
        return Optional.ofNullable(cache.get(id));
    }

    Optional<Vm> byName(String name) {
        return cache.values().stream().filter(vm -> vm.name().equals(name)).findFirst();
    }

    void put(Vm vm) {
        Path target = file(vm.id());
        Path temp = dir.resolve(vm.id() + SUFFIX + ".tmp");
        try {
            json.writeValue(temp.toFile(), vm);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the record of VM " + vm.name(), e);
        }
        cache.put(vm.id(), vm);
    }

    void remove(UUID id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the record of VM " + id, e);
        }
        cache.remove(id);
    }

    private Path file(UUID id) {
        return dir.resolve(id + SUFFIX);
    }

    private void load() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the VM record folder " + dir, e);
        }
        for (Path f : files) {
            try {
                Vm vm = json.readValue(f.toFile(), Vm.class);
                cache.put(vm.id(), vm);
            } catch (IOException e) {
                // keep the file for the operator, but do not let one bad record stop the node
                LOG.log(Level.WARNING, "skipping unreadable VM record " + f + ": " + e.getMessage());
            }
        }
    }
}
