package org.emotive.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.emotive.api.model.Vm;
import org.emotive.api.model.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmRecordStoreTest {

    private static Vm vm(String name) {
        Instant t = Instant.parse("2026-11-25T10:00:00.123Z");
        return new Vm(UUID.randomUUID(), name, "alice", VmState.RUNNING, 1, 128, 2, 256, "busybox", "node-1", "kvm",
                List.of(), t, t);
    }

    @Test
    void recordsSurviveAReopen(@TempDir Path dir) {
        VmRecordStore store = new VmRecordStore(dir);
        Vm web = vm("web-1");
        store.put(web);
        store.put(vm("web-2"));
        store.remove(store.byName("web-2").orElseThrow().id());

        VmRecordStore reopened = new VmRecordStore(dir);
        assertEquals(List.of(web), List.copyOf(reopened.all()));
        assertEquals(web, reopened.byName("web-1").orElseThrow());
        assertEquals(web, reopened.get(web.id()).orElseThrow());
    }

    @Test
    void anUnreadableRecordDoesNotHideTheOthers(@TempDir Path dir) throws Exception {
        VmRecordStore store = new VmRecordStore(dir);
        Vm web = vm("web-1");
        store.put(web);
        Files.writeString(dir.resolve(UUID.randomUUID() + ".json"), "{ truncated");
        VmRecordStore reopened = new VmRecordStore(dir);
        assertEquals(1, reopened.all().size());
        assertTrue(reopened.get(web.id()).isPresent());
    }

    @Test
    void noTemporaryFileIsLeftBehind(@TempDir Path dir) throws Exception {
        VmRecordStore store = new VmRecordStore(dir);
        store.put(vm("web-1"));
        try (var files = Files.list(dir)) {
            assertTrue(files.allMatch(f -> f.getFileName().toString().endsWith(".json")));
        }
    }
}
