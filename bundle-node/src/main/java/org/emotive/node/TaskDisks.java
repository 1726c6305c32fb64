package org.emotive.node;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.emotive.api.image.DiskFile;

/**
 * A task's two disks, made as plain files without mounting anything on the host:
 * {@code in.img}, ext4 labelled {@code emotive-in}, holds {@code command} and {@code files/}
 * (the inputs) and is filled by {@code mke2fs -d}; {@code out.img}, ext4 labelled
 * {@code emotive-out}, is blank and sparse. The guest finds them by label.
 */
final class TaskDisks {

    static final String IN_LABEL = "emotive-in";
    static final String OUT_LABEL = "emotive-out";
    static final long OUT_DISK_BYTES = 256L << 20;
    private static final Duration MKFS_TIMEOUT = Duration.ofMinutes(10);

    private final Path taskDir;

    TaskDisks(Path taskDir) {
        this.taskDir = taskDir;
    }

    /** Where the inputs are stored as they arrive: {@code stage/files/<name>}. */
    Path inputs() {
        return taskDir.resolve("stage").resolve("files");
    }

    /** Builds both disks from the staged inputs and the command; returns them in device order. */
    List<DiskFile> build(String command) {
        try {
            Path stage = taskDir.resolve("stage");
            Files.createDirectories(inputs());
            Files.writeString(stage.resolve("command"), command, StandardCharsets.UTF_8);
            long used;
            try (Stream<Path> files = Files.walk(stage)) {
                used = files.filter(Files::isRegularFile).mapToLong(TaskDisks::size).sum();
            }
            // room for the data, inode tables and metadata; no journal: the guest mounts it read-only
            long inBytes = roundUpMiB(Math.max(8L << 20, used + used / 8 + (4L << 20)));
            Path in = taskDir.resolve("in.img");
            Path out = taskDir.resolve("out.img");
            HostProgram.run(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-O", "^has_journal", "-L", IN_LABEL,
                    "-d", stage.toString(), in.toString(), (inBytes >> 10) + "k"), taskDir, MKFS_TIMEOUT);
            try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
                f.setLength(OUT_DISK_BYTES); // sparse: costs only what the guest writes
            }
            HostProgram.run(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-L", OUT_LABEL, out.toString()),
                    taskDir, MKFS_TIMEOUT);
            // QEMU runs as another user: it must read the input and write the output disk
            Files.setPosixFilePermissions(in, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-rw-rw-"));
            TreeRemover.remove(stage);
            return List.of(new DiskFile(in, "raw", inBytes, Files.size(in)),
                    new DiskFile(out, "raw", OUT_DISK_BYTES, 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the disks of the task in " + taskDir, e);
        }
    }

    Path outDisk() {
        return taskDir.resolve("out.img");
    }

    /** Removes the disks and staged inputs, keeping the results. */
    void removeDisks() {
        TreeRemover.remove(taskDir.resolve("stage"));
        TreeRemover.remove(taskDir.resolve("in.img"));
        TreeRemover.remove(outDisk());
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long roundUpMiB(long bytes) {
        long mib = 1L << 20;
        return (bytes + mib - 1) / mib * mib;
    }
}
