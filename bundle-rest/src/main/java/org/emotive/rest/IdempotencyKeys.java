package org.emotive.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.model.Vm;
import org.osgi.framework.BundleContext;

/**
 * Remembers which VM or task a user's {@code Idempotency-Key} created, for a day, so that a
 * retried create returns the same one instead of making a second. Requests with the same key
 * wait for each other. With a file, the keys survive a restart of the container: a client that
 * retries because the container went away still gets what its first request made.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    static final Duration KEEP = Duration.ofHours(24);
    static final int MAX_ENTRIES = 10_000;
    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class.getName());

    /** What a key made, and until when it is remembered. */
    record Entry(String id, Instant until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Path file;
    private final Clock clock;

    /** Keys kept in memory only. */
    IdempotencyKeys() {
        this(null, Clock.systemUTC());
    }

    /** Keys kept in {@code file} too (read now, rewritten after each create); {@code null}: memory only. */
    IdempotencyKeys(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        load();
    }

    /** Keys kept in the bundle's data folder as {@code name}; in memory only where the framework has no folder. */
    static IdempotencyKeys inDataFolder(BundleContext context, String name) {
        java.io.File data = context.getDataFile(name);
        return data == null ? new IdempotencyKeys() : new IdempotencyKeys(data.toPath(), Clock.systemUTC());
    }

    /** The VM created for this user's key before, if it still exists; else the result of {@code create}. */
    Vm createOnce(String user, String key, Function<String, Optional<Vm>> find, Supplier<Vm> create) {
        return createOnce(user, key, find, create, vm -> vm.id().toString());
    }

    /** The same for anything with an id (a task): {@code idOf} gives the id that {@code find} takes. */
    <T> T createOnce(String user, String key, Function<String, Optional<T>> find, Supplier<T> create,
                     Function<T, String> idOf) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidFieldException(HEADER, HEADER + " must be 1-255 visible ASCII characters");
        }
        String id = user + '\0' + key;
        Object lock = locks.computeIfAbsent(id, k -> new Object());
        synchronized (lock) {
            try {
                Entry known = entries.get(id);
                if (known != null && known.until().isAfter(clock.instant())) {
                    Optional<T> earlier = find.apply(known.id());
                    if (earlier.isPresent()) {
                        return earlier.get();
                    }
                }
                T created = create.get();
                forgetExpired();
                entries.put(id, new Entry(idOf.apply(created), clock.instant().plus(KEEP)));
                save();
                return created;
            } finally {
                locks.remove(id, lock);
            }
        }
    }

    private void forgetExpired() {
        if (entries.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> !e.until().isAfter(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear(); // a flood of keys: keeping memory bounded matters more
            }
        }
    }

    private void load() {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            Map<String, Entry> read = Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Entry>>() { });
            Instant now = clock.instant();
            read.forEach((k, e) -> {
                if (e != null && e.id() != null && e.until() != null && e.until().isAfter(now)) {
                    entries.put(k, e);
                }
            });
        } catch (IOException e) {
            // a damaged file costs the memory of past keys, never the service
            LOG.warning("idempotency keys in " + file + " are unreadable and start empty: " + e.getMessage());
        }
    }

    /** The whole map, written to a temporary file and moved into place: a crash leaves the old or the new one. */
    private synchronized void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.MAPPER.writeValue(tmp.toFile(), Map.copyOf(entries));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warning("cannot keep idempotency keys in " + file + " (kept in memory): " + e.getMessage());
        }
    }
}
