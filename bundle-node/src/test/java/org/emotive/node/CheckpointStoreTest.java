package org.emotive.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.emotive.api.ConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint folders on disk: what the manifest carries, sealing, and checks of every file. */
class CheckpointStoreTest {

    private final CheckpointStore store = new CheckpointStore();

    private static CheckpointStore.Manifest unsealed(UUID id, UUID vm) {
        return new CheckpointStore.Manifest(id, vm, "web-1", Instant.parse("2026-11-28T04:00:00Z"), "node-1",
                "debian-12", 2, 512, 4, 1024, true, 0, 0, null, null, true, 0, null, "alice", 3);
    }

    @Test
    void aSealedManifestCarriesTheWholeSpecAndEveryFilesChecksum(@TempDir Path vmDir) throws Exception {
        UUID id = UUID.randomUUID();
        UUID vm = UUID.randomUUID();
        Path dir = store.dir(vmDir, id);
        store.begin(dir, unsealed(id, vm));
        Files.writeString(dir.resolve(CheckpointStore.MEMORY), "memory");
        Files.writeString(dir.resolve(CheckpointStore.DISK), "disk");
        Files.writeString(dir.resolve(CheckpointStore.HOME), "home");
        assertFalse(store.read(dir).orElseThrow().sealed(), "not restorable before it is sealed");
        assertThrows(ConflictException.class, () -> store.verified(dir, id.toString()));

        store.seal(dir);

        // read back by a fresh store, as another node would: nothing comes from this node's records
        CheckpointStore.Manifest m = new CheckpointStore().verified(dir, id.toString());
        assertEquals(unsealed(id, vm).owner(), m.owner());
        assertEquals(3, m.homeGiB());
        assertEquals("web-1", m.vmName());
        assertEquals("debian-12", m.image());
        assertEquals(4, m.maxVcpus());
        assertEquals(1024, m.maxMemoryMiB());
        assertEquals(6 + 4 + 4, m.toCheckpoint().sizeBytes());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("home".getBytes(java.nio.charset.StandardCharsets.UTF_8))), m.homeSha256());

        Files.writeString(dir.resolve(CheckpointStore.HOME), "h0me"); // same size, other content
        ConflictException damaged = assertThrows(ConflictException.class, () -> store.verified(dir, id.toString()));
        assertTrue(damaged.getMessage().contains("home.qcow2"), damaged.getMessage());
    }

    @Test
    void aManifestWrittenBeforeHomeDisksReadsAsHavingNone(@TempDir Path vmDir) throws Exception {
        UUID id = UUID.randomUUID();
        Path dir = Files.createDirectories(store.dir(vmDir, id));
        Files.writeString(dir.resolve("manifest.json"), "{\"id\":\"" + id + "\",\"vm\":\"" + UUID.randomUUID()
                + "\",\"vmName\":\"old\",\"createdAt\":\"2026-11-27T00:00:00Z\",\"node\":\"node-1\",\"image\":\"busybox\","
                + "\"vcpus\":1,\"memoryMiB\":128,\"maxVcpus\":1,\"maxMemoryMiB\":128,\"hasDisk\":false,"
                + "\"memoryBytes\":6,\"diskBytes\":0,\"memorySha256\":\"x\",\"diskSha256\":null}");
        CheckpointStore.Manifest m = store.read(dir).orElseThrow();
        assertFalse(m.hasHome());
        assertTrue(m.sealed());
        assertEquals(0, m.homeGiB());
    }
}
