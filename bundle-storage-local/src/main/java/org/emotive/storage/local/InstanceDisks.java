package org.emotive.storage.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.image.DiskFile;
import org.emotive.api.image.Image;

/**
 * {@code <storageDir>/instances/<vm>/}: the VM's overlay {@code disk.qcow2}, its home disk
 * {@code home.qcow2} when it has one, and an
 * {@code instance.json} naming its image, written for every VM (disk or not) so that the
 * storage can tell which VMs use an image.
 */
final class InstanceDisks {

    private static final Logger LOG = Logger.getLogger(InstanceDisks.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORD = "instance.json";
    private static final String DISK = "disk.qcow2";
    private static final String HOME = "home.qcow2";
    /** The label guests mount as /home (Debian images built here have it in their fstab). */
    static final String HOME_LABEL = "emotive-home";
    static final int MAX_HOME_GIB = 16384;
    private static final long GIB = 1L << 30;

    /** What {@code instance.json} holds. */
    record Instance(String image) {
    }

    private final Path root;
    private final QemuImg qemuImg;

    InstanceDisks(Path root, QemuImg qemuImg) {
        this.root = root;
        this.qemuImg = qemuImg;
    }

    Path dir(UUID vm) {
        return root.resolve(vm.toString());
    }

    Optional<DiskFile> create(UUID vm, Image image, Integer diskGiB) {
        Path dir = dir(vm);
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(RECORD).toFile(), new Instance(image.name()));
            Path disk = dir.resolve(DISK);
            if (image.disk() != null) {
                long size = Math.max(image.disk().virtualSizeBytes(), diskGiB == null ? 0 : diskGiB * GIB);
                if (diskGiB != null && diskGiB * GIB < image.disk().virtualSizeBytes()) {
                    throw new InvalidFieldException("diskGiB", "diskGiB must be at least the image's size, "
                            + ceilGiB(image.disk().virtualSizeBytes()) + " GiB");
                }
                qemuImg.createOverlay(image.disk(), disk, size);
            } else if (diskGiB != null) {
                qemuImg.createBlank(disk, diskGiB * GIB);
            } else {
                return Optional.empty();
            }
            return Optional.of(qemuImg.info(disk, "qcow2").at(disk));
        } catch (IOException e) {
            delete(vm);
            throw new UncheckedIOException("cannot create the instance disk of VM " + vm, e);
        } catch (RuntimeException e) {
            delete(vm);
            throw e;
        }
    }

    Optional<DiskFile> find(UUID vm) {
        return existing(vm, DISK);
    }

    /**
     * An empty ext4 file system made by {@code mke2fs} in a sparse raw file (nothing mounted),
     * then compacted into qcow2: a fresh home disk takes a few MiB, whatever its size, and so do
     * its copies in checkpoints.
     */
    DiskFile createHome(UUID vm, int homeGiB) {
        if (homeGiB < 1 || homeGiB > MAX_HOME_GIB) {
            throw new InvalidFieldException("homeGiB", "homeGiB must be between 1 and " + MAX_HOME_GIB);
        }
        Path dir = dir(vm);
        Path raw = dir.resolve(HOME + ".raw");
        Path home = dir.resolve(HOME);
        if (Files.exists(home)) { // checked before the clean-up below could remove a disk in use
            throw new IllegalStateException("VM " + vm + " has a home disk already");
        }
        try {
            Files.createDirectories(dir);
            try (RandomAccessFile file = new RandomAccessFile(raw.toFile(), "rw")) {
                file.setLength(homeGiB * GIB);
            }
            // lazy init: the inode tables and journal are zeroed by the guest's kernel later, not written now
            new Command(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-L", HOME_LABEL, "-m", "0",
                    "-E", "lazy_itable_init=1,lazy_journal_init=1", raw.toString()), Duration.ofMinutes(10)).run();
            qemuImg.compactRawToQcow2(raw, home);
            return qemuImg.info(home, "qcow2").at(home);
        } catch (IOException e) {
            deleteQuietly(home);
            throw new UncheckedIOException("cannot create the home disk of VM " + vm, e);
        } catch (RuntimeException e) {
            deleteQuietly(home);
            throw e;
        } finally {
            deleteQuietly(raw);
        }
    }

    Optional<DiskFile> findHome(UUID vm) {
        return existing(vm, HOME);
    }

    private Optional<DiskFile> existing(UUID vm, String name) {
        Path file = dir(vm).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(qemuImg.info(file, "qcow2").at(file)) : Optional.empty();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning("cannot remove " + file + ": " + e.getMessage());
        }
    }

    void delete(UUID vm) {
        Tree.delete(dir(vm));
    }

    List<UUID> users(String image) {
        return usersByImage().getOrDefault(image, List.of());
    }

    /** Every instance record read once: image name to the VMs using it. */
    Map<String, List<UUID>> usersByImage() {
        Map<String, List<UUID>> users = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return users;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                Path record = dir.resolve(RECORD);
                String image = Files.isRegularFile(record) ? read(record) : null;
                if (image != null) {
                    users.computeIfAbsent(image, k -> new ArrayList<>()).add(UUID.fromString(dir.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list instance disks in " + root, e);
        }
        return users;
    }

    private static String read(Path record) {
        try {
            return JSON.readValue(record.toFile(), Instance.class).image();
        } catch (IOException e) {
            LOG.warning("unreadable instance record " + record + ": " + e.getMessage());
            return null;
        }
    }

    private static long ceilGiB(long bytes) {
        return (bytes + GIB - 1) / GIB;
    }
}
