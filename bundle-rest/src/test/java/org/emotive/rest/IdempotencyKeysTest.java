package org.emotive.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.model.Vm;
import org.emotive.api.model.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyKeysTest {

    private final Map<String, Vm> vms = new HashMap<>();
    private final AtomicInteger creates = new AtomicInteger();
    private final IdempotencyKeys keys = new IdempotencyKeys();

    private Vm create() {
        creates.incrementAndGet();
        Vm vm = new Vm(UUID.randomUUID(), "web-" + creates.get(), "alice", VmState.RUNNING, 1, 128, 1, 128, "busybox",
                "node-1", "kvm", List.of(), Instant.EPOCH, Instant.EPOCH);
        vms.put(vm.id().toString(), vm);
        return vm;
    }

    private Vm createOnce(String user, String key) {
        return keys.createOnce(user, key, id -> Optional.ofNullable(vms.get(id)), this::create);
    }

    @Test
    void theSameKeyGivesTheSameVm() {
        Vm first = createOnce("alice", "k-1");
        assertEquals(first, createOnce("alice", "k-1"));
        assertEquals(1, creates.get());
    }

    @Test
    void keysBelongToTheirUserAndADeletedVmIsMadeAgain() {
        Vm alices = createOnce("alice", "k-1");
        assertNotEquals(alices, createOnce("bob", "k-1"));
        vms.remove(alices.id().toString());
        assertNotEquals(alices, createOnce("alice", "k-1"));
        assertEquals(3, creates.get());
    }

    /** A fixed clock that tests move forward. */
    private static final class TestClock extends java.time.Clock {
        private Instant now = Instant.parse("2026-11-28T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void keysKeptInAFileSurviveANewInstanceUntilTheyExpire(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/keys.json");
        TestClock clock = new TestClock();
        IdempotencyKeys before = new IdempotencyKeys(file, clock);
        Vm first = before.createOnce("alice", "k-1", id -> Optional.ofNullable(vms.get(id)), this::create);

        IdempotencyKeys restarted = new IdempotencyKeys(file, clock); // as after a container restart
        assertEquals(first, restarted.createOnce("alice", "k-1", id -> Optional.ofNullable(vms.get(id)), this::create));
        assertEquals(1, creates.get());

        clock.now = clock.now.plus(IdempotencyKeys.KEEP).plusSeconds(1);
        IdempotencyKeys aDayLater = new IdempotencyKeys(file, clock);
        assertNotEquals(first, aDayLater.createOnce("alice", "k-1", id -> Optional.ofNullable(vms.get(id)),
                this::create));
        assertEquals(2, creates.get());
    }

    @Test
    void aDamagedFileStartsEmptyAndIsReplaced(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, "{not json");
        IdempotencyKeys keys = new IdempotencyKeys(file, new TestClock());
        Vm vm = keys.createOnce("alice", "k-1", id -> Optional.ofNullable(vms.get(id)), this::create);
        assertTrue(Files.readString(file).contains(vm.id().toString()));
    }

    @Test
    void malformedKeysAreRefused() {
        for (String bad : List.of("", "has space", "x".repeat(256), "tab\t", "é")) {
            assertEquals(IdempotencyKeys.HEADER,
                    assertThrows(InvalidFieldException.class, () -> createOnce("alice", bad)).field());
        }
        assertEquals(0, creates.get());
    }
}
