package org.emotive.rest;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.model.Vm;

/**
 * Remembers which VM a user's {@code Idempotency-Key} created, for a day, so that a retried
 * create returns the same VM instead of making a second one. Requests with the same key wait
 * for each other.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    private static final long KEEP_NANOS = 24L * 3600 * 1_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(String id, long until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

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
                if (known != null && known.until() - System.nanoTime() > 0) {
                    Optional<T> earlier = find.apply(known.id());
                    if (earlier.isPresent()) {
                        return earlier.get();
                    }
                }
                T created = create.get();
                forgetExpired();
                entries.put(id, new Entry(idOf.apply(created), System.nanoTime() + KEEP_NANOS));
                return created;
            } finally {
                locks.remove(id, lock);
            }
        }
    }

    private void forgetExpired() {
        if (entries.size() >= MAX_ENTRIES) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> e.until() - now <= 0);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear(); // a flood of keys: keeping memory bounded matters more
            }
        }
    }
}
