package org.emotive.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.emotive.api.model.VmEvent;
import org.emotive.api.model.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmEventLogTest {

    @Test
    void eventsComeBackInOrderAndATornLineIsSkipped(@TempDir Path dir) throws Exception {
        VmEventLog log = new VmEventLog(dir);
        UUID vm = UUID.randomUUID();
        VmEvent created = new VmEvent(Instant.parse("2026-11-25T10:00:00Z"), null, VmState.CREATING, "create requested");
        VmEvent running = new VmEvent(Instant.parse("2026-11-25T10:00:01Z"), VmState.CREATING, VmState.RUNNING, "started");
        log.append(vm, created);
        log.append(vm, running);
        Files.writeString(dir.resolve(vm + ".jsonl"), "{\"at\":\"2026-11-25T10:0", StandardOpenOption.APPEND);
        assertEquals(List.of(created, running), new VmEventLog(dir).read(vm));
        log.delete(vm);
        assertTrue(log.read(vm).isEmpty());
    }
}
