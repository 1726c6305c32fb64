package org.emotive.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.emotive.api.ConflictException;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.image.DiskFile;
import org.emotive.api.image.Image;
import org.emotive.api.image.ImageKind;
import org.emotive.api.image.ImageState;
import org.emotive.api.storage.ImageImport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local storage with the real qemu-img. */
class LocalStorageIT {

    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;
    private LocalStorage storage;
    private Path images;
    private Path instances;

    @BeforeEach
    void start() {
        images = dir.resolve("images");
        instances = dir.resolve("state/instances");
        storage = new LocalStorage(dir.resolve("state"), images, 1);
    }

    @AfterEach
    void stop() throws Exception {
        storage.deactivate();
    }

    /** A 64 MiB raw disk with 8 MiB of data at its start. */
    private Path rawDisk(String name) throws Exception {
        return rawDisk(name, 64 * MIB);
    }

    /** A sparse raw disk with 8 MiB of data at its start. */
    private Path rawDisk(String name, long sizeBytes) throws Exception {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(sizeBytes);
            byte[] data = new byte[(int) MIB];
            java.util.Arrays.fill(data, (byte) 0x5a);
            for (int i = 0; i < 8; i++) {
                f.write(data);
            }
        }
        return file;
    }

    private Image awaitReady(String name) throws Exception {
        for (int i = 0; i < 600; i++) {
            Image image = storage.image(name).orElseThrow();
            if (image.state() != ImageState.PENDING) {
                return image;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("image " + name + " is still pending");
    }

    private static void qemuImg(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("qemu-img"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).inheritIO().start();
        assertEquals(0, p.waitFor());
    }

    @Test
    void anImportedDiskBacksSmallOverlaysAndCannotGoWhileUsed() throws Exception {
        Image pending = storage.importFile(new ImageImport("base-1", "alice", rawDisk("base.raw"), null, null, null));
        assertEquals(ImageState.PENDING, pending.state());
        Image image = awaitReady("base-1");
        assertEquals(ImageState.READY, image.state(), image.error());
        assertEquals(ImageKind.DISK, image.kind());
        assertEquals("qcow2", image.disk().format());
        assertEquals(64 * MIB, image.disk().virtualSizeBytes());
        assertEquals("alice", image.owner());
        assertTrue(storage.log("base-1").contains("100"), storage.log("base-1"));

        UUID vm = UUID.randomUUID();
        DiskFile overlay = storage.createInstanceDisk(vm, image, 1).orElseThrow();
        assertEquals(1L << 30, overlay.virtualSizeBytes());
        assertTrue(overlay.actualSizeBytes() < MIB, "an overlay copies nothing: " + overlay.actualSizeBytes());
        assertTrue(image.disk().actualSizeBytes() >= 8 * MIB, "the base holds the data");
        assertEquals(List.of(vm), storage.imageUsers("base-1"));
        assertThrows(ConflictException.class, () -> storage.deleteImage("base-1"));

        storage.deleteInstanceDisk(vm);
        assertFalse(Files.exists(instances.resolve(vm.toString())));
        assertTrue(storage.imageUsers("base-1").isEmpty());
        storage.deleteImage("base-1");
        assertFalse(Files.exists(images.resolve("base-1")));
        assertTrue(storage.images().isEmpty());
    }

    /** A home disk is a real, empty ext4 file system with its label, and costs a few MiB whatever its size. */
    @Test
    void aHomeDiskIsAnEmptyLabelledExt4ThatTakesLittleRoom() throws Exception {
        UUID vm = UUID.randomUUID();
        assertEquals("homeGiB", assertThrows(InvalidFieldException.class, () -> storage.createHomeDisk(vm, 0)).field());
        assertEquals("homeGiB", assertThrows(InvalidFieldException.class,
                () -> storage.createHomeDisk(vm, InstanceDisks.MAX_HOME_GIB + 1)).field());
        assertTrue(storage.homeDisk(vm).isEmpty());

        DiskFile home = storage.createHomeDisk(vm, 64);
        assertEquals(64L << 30, home.virtualSizeBytes());
        assertEquals("qcow2", home.format());
        assertTrue(home.actualSizeBytes() < 16 * MIB, "only the file system's metadata is written: "
                + home.actualSizeBytes());
        assertEquals(home.path(), storage.homeDisk(vm).orElseThrow().path());
        assertThrows(IllegalStateException.class, () -> storage.createHomeDisk(vm, 1));
        assertTrue(Files.isRegularFile(home.path()), "a second create leaves the first disk alone");
        assertEquals(List.of("home.qcow2"), Files.list(instances.resolve(vm.toString()))
                .map(p -> p.getFileName().toString()).toList(), "no raw scratch left");

        Path raw = dir.resolve("home-check.raw");
        qemuImg("convert", "-q", "-f", "qcow2", "-O", "raw", home.path().toString(), raw.toString());
        Process dump = new ProcessBuilder("dumpe2fs", "-h", raw.toString()).redirectErrorStream(true).start();
        String header = new String(dump.getInputStream().readAllBytes());
        assertEquals(0, dump.waitFor(), header);
        assertTrue(header.contains("Filesystem volume name:   emotive-home"), header);
        assertTrue(header.matches("(?s).*Block count:\\s+16777216\\n.*"), "64 GiB of 4 KiB blocks: " + header);
        Process fsck = new ProcessBuilder("e2fsck", "-fn", raw.toString()).redirectErrorStream(true).start();
        String check = new String(fsck.getInputStream().readAllBytes());
        assertEquals(0, fsck.waitFor(), check);

        storage.deleteInstanceDisk(vm);
        assertFalse(Files.exists(instances.resolve(vm.toString())));
    }

    @Test
    void aDiskSmallerThanTheImageIsRefusedAndLeavesNothing() throws Exception {
        storage.importFile(new ImageImport("base-2", "alice", rawDisk("b2.raw", 2L << 30), null, null, null));
        Image image = awaitReady("base-2");
        assertEquals(2L << 30, image.disk().virtualSizeBytes());
        UUID vm = UUID.randomUUID();
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> storage.createInstanceDisk(vm, image, 1));
        assertEquals("diskGiB", e.field());
        assertFalse(Files.exists(instances.resolve(vm.toString())));
    }

    @Test
    void aKernelImageGetsABlankDiskOnlyWhenAsked() throws Exception {
        Path folder = Files.createDirectories(images.resolve("tiny"));
        Files.writeString(folder.resolve("vmlinuz"), "k");
        Files.writeString(folder.resolve("initrd.img"), "i");
        Files.writeString(folder.resolve("image.json"), "{\"kind\":\"kernel\"}");
        Image tiny = storage.image("tiny").orElseThrow();
        UUID diskless = UUID.randomUUID();
        assertTrue(storage.createInstanceDisk(diskless, tiny, null).isEmpty());
        UUID withDisk = UUID.randomUUID();
        assertEquals(2L << 30, storage.createInstanceDisk(withDisk, tiny, 2).orElseThrow().virtualSizeBytes());
        assertEquals(2, storage.imageUsers("tiny").size(), "a diskless VM still counts as a user");
        assertEquals(java.util.Set.of(diskless, withDisk), java.util.Set.copyOf(storage.imageUsers().get("tiny")));
        assertEquals(java.util.Set.of("tiny"), storage.imageUsers().keySet());
    }

    @Test
    void badImportsAreRefusedNamingTheFieldAndLeaveNothing() throws Exception {
        Path raw = rawDisk("ok.raw");
        Path vmdk = dir.resolve("disk.vmdk");
        qemuImg("create", "-q", "-f", "vmdk", vmdk.toString(), "16M");
        Path backed = dir.resolve("backed.qcow2");
        qemuImg("create", "-q", "-f", "qcow2", "-F", "raw", "-b", raw.toString(), backed.toString());
        assertField("source.file", new ImageImport("x1", "a", vmdk, null, null, null));
        assertField("source.file", new ImageImport("x2", "a", backed, null, null, null));
        assertField("source.file", new ImageImport("x3", "a", Path.of("relative.raw"), null, null, null));
        assertField("source.file", new ImageImport("x4", "a", dir.resolve("absent.raw"), null, null, null));
        assertField("source.file", new ImageImport("x5", "a", dir, null, null, null));
        assertField("initrd", new ImageImport("x6", "a", raw, raw, null, null));
        assertField("cmdline", new ImageImport("x7", "a", raw, raw, raw, "a\nb"));
        for (String name : List.of("", "..", "a/b", "../x", "UPPER", "a b", "é", "a".repeat(64), "-x", ".hidden")) {
            assertField("name", new ImageImport(name, "a", raw, null, null, null));
        }
        assertTrue(!Files.exists(images) || Files.list(images).findAny().isEmpty(), "nothing was created");

        storage.importFile(new ImageImport("dup", "a", raw, null, null, null));
        assertThrows(ConflictException.class, () -> storage.importFile(new ImageImport("dup", "b", raw, null, null, null)));
        assertEquals("a", awaitReady("dup").owner());
    }

    private void assertField(String field, ImageImport request) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> storage.importFile(request));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void uploadsAreCheckedAndAFailedOneLeavesNothing() throws Exception {
        Image up = storage.upload("up-1", "bob", Files.newInputStream(rawDisk("up.raw")));
        assertEquals(ImageState.READY, up.state());
        assertEquals(64 * MIB, up.disk().virtualSizeBytes());

        Path backed = dir.resolve("evil.qcow2");
        qemuImg("create", "-q", "-f", "qcow2", "-F", "raw", "-b", "/etc/shadow", backed.toString(), "1M");
        try (InputStream in = Files.newInputStream(backed)) {
            assertEquals("content", assertThrows(InvalidFieldException.class,
                    () -> storage.upload("evil", "bob", in)).field());
        }
        assertFalse(Files.exists(images.resolve("evil")));
        assertEquals("content", assertThrows(InvalidFieldException.class,
                () -> storage.upload("empty", "bob", new ByteArrayInputStream(new byte[0]))).field());
        assertFalse(Files.exists(images.resolve("empty")));
        // 1 GiB is this storage's limit: a stream that goes on past it is cut off
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };
        assertEquals("content", assertThrows(InvalidFieldException.class,
                () -> storage.upload("huge", "bob", endless)).field());
        assertFalse(Files.exists(images.resolve("huge")));
        assertEquals(List.of("up-1"), storage.images().stream().map(Image::name).toList());
    }

    @Test
    void workARestartCutShortIsMarkedFailedAndItsFilesRemoved() throws Exception {
        Path folder = Files.createDirectories(images.resolve("half"));
        Files.writeString(folder.resolve("image.json"),
                "{\"name\":\"half\",\"kind\":\"disk\",\"state\":\"pending\",\"phase\":\"copy\",\"progress\":40}");
        Files.writeString(folder.resolve("disk.qcow2.part"), "partial");
        storage.deactivate();
        storage = new LocalStorage(dir.resolve("state"), images, 1);
        Image half = storage.image("half").orElseThrow();
        assertEquals(ImageState.FAILED, half.state());
        assertTrue(half.error().contains("interrupted"), half.error());
        assertFalse(Files.exists(folder.resolve("disk.qcow2.part")));
        storage.deleteImage("half");
        assertFalse(Files.exists(folder));
    }
}
