package org.emotive.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.emotive.api.ConflictException;
import org.emotive.api.model.Checkpoint;

/**
 * A VM's checkpoints, each a folder {@code <vmDir>/checkpoints/<id>/} with the saved memory,
 * copies of the disk overlay and of the home disk (those the VM has) and a manifest naming
 * everything another node with the same storage needs to restore it. The manifest is written
 * before the work (a crash leaves an unsealed checkpoint, never a restorable half one) and
 * sealed with SHA-256 checksums after.
 */
final class CheckpointStore {

    static final String MEMORY = "memory.save";
    static final String DISK = "disk.qcow2";
    static final String HOME = "home.qcow2";
    private static final String MANIFEST = "manifest.json";
    private static final Logger LOG = Logger.getLogger(CheckpointStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * {@code manifest.json}: the VM's whole spec (name, owner, sizes, image, home disk), where and
     * when it was taken, and each file's size and checksum ({@code null} until sealed), so that a
     * node reaching the same storage can check and restore it without this node's records. Older
     * manifests read as having no home disk and no owner.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Manifest(UUID id, UUID vm, String vmName, Instant createdAt, String node, String image, int vcpus,
                    int memoryMiB, int maxVcpus, int maxMemoryMiB, boolean hasDisk, long memoryBytes, long diskBytes,
                    String memorySha256, String diskSha256, boolean hasHome, long homeBytes, String homeSha256,
                    String owner, int homeGiB) {

        boolean sealed() {
            return memorySha256 != null && (!hasDisk || diskSha256 != null) && (!hasHome || homeSha256 != null);
        }

        Checkpoint toCheckpoint() {
            return new Checkpoint(id, vm, createdAt, memoryBytes + diskBytes + homeBytes, node, image, vcpus,
                    memoryMiB, sealed());
        }
    }

    Path dir(Path vmDir, UUID id) {
        return vmDir.resolve("checkpoints").resolve(id.toString());
    }

    void begin(Path dir, Manifest manifest) {
        try {
            Files.createDirectories(dir);
            write(dir, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start checkpoint " + manifest.id(), e);
        }
    }

    /** Writes sizes and checksums: from now on the checkpoint can be restored. */
    void seal(Path dir) {
        Manifest m = read(dir).orElseThrow(() -> new IllegalStateException("no manifest in " + dir));
        Path disk = dir.resolve(DISK);
        Path home = dir.resolve(HOME);
        Manifest sealed = new Manifest(m.id(), m.vm(), m.vmName(), m.createdAt(), m.node(), m.image(), m.vcpus(),
                m.memoryMiB(), m.maxVcpus(), m.maxMemoryMiB(), m.hasDisk(), size(dir.resolve(MEMORY)),
                m.hasDisk() ? size(disk) : 0, sha256(dir.resolve(MEMORY)), m.hasDisk() ? sha256(disk) : null,
                m.hasHome(), m.hasHome() ? size(home) : 0, m.hasHome() ? sha256(home) : null, m.owner(), m.homeGiB());
        write(dir, sealed);
    }

    /** The checkpoint, checked whole: sealed, every file there with its size and checksum. */
    Manifest verified(Path dir, String id) {
        Manifest m = read(dir).orElseThrow(() -> new ConflictException("checkpoint " + id + " has no readable manifest"));
        if (!m.sealed()) {
            throw new ConflictException("checkpoint " + id + " is not sealed (it is being written, or was cut short)");
        }
        check(dir.resolve(MEMORY), m.memoryBytes(), m.memorySha256(), id);
        if (m.hasDisk()) {
            check(dir.resolve(DISK), m.diskBytes(), m.diskSha256(), id);
        }
        if (m.hasHome()) {
            check(dir.resolve(HOME), m.homeBytes(), m.homeSha256(), id);
        }
        return m;
    }

    List<Checkpoint> list(Path vmDir) {
        Path root = vmDir.resolve("checkpoints");
        List<Checkpoint> result = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return result;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.forEach(d -> read(d).ifPresent(m -> result.add(m.toCheckpoint())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkpoints in " + root, e);
        }
        result.sort(Comparator.comparing(Checkpoint::createdAt));
        return result;
    }

    Optional<Manifest> read(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Manifest.class));
        } catch (IOException e) {
            LOG.warning("unreadable checkpoint manifest " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Best effort, as every clean-up in the node: what cannot be removed is logged. */
    void delete(Path dir) {
        TreeRemover.remove(dir);
    }

    private static void check(Path file, long size, String sha256, String id) {
        if (!Files.isRegularFile(file) || size(file) != size) {
            throw new ConflictException("checkpoint " + id + " is damaged: " + file.getFileName()
                    + " is missing or not " + size + " bytes long");
        }
        if (!sha256.equals(sha256(file))) {
            throw new ConflictException("checkpoint " + id + " is damaged: the checksum of " + file.getFileName()
                    + " does not match its manifest");
        }
    }

    private static void write(Path dir, Manifest manifest) {
        try {
            Path tmp = dir.resolve(MANIFEST + ".tmp");
            JSON.writeValue(tmp.toFile(), manifest);
            Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest in " + dir, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
