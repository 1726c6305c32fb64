package org.emotive.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emotive.api.image.Image;
import org.emotive.api.image.ImageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageRepositoryTest {

    private static void image(Path root, String name, String descriptor) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("vmlinuz"), "k");
        Files.writeString(dir.resolve("initrd.img"), "i");
        Files.writeString(dir.resolve("image.json"), descriptor);
    }

    @Test
    void readsKernelImagesFromTheirFolders(@TempDir Path root) throws Exception {
        image(root, "busybox", "{\"kind\":\"kernel\",\"kernel\":\"vmlinuz\",\"initrd\":\"initrd.img\",\"cmdline\":\"console=ttyS0\"}");
        ImageRepository registry = new ImageRepository(root);
        Image busybox = registry.find("busybox").orElseThrow();
        assertEquals(ImageKind.KERNEL, busybox.kind());
        assertEquals(root.resolve("busybox/vmlinuz").toAbsolutePath(), busybox.kernel());
        assertEquals("console=ttyS0", busybox.cmdline());
        assertEquals(org.emotive.api.image.ImageState.READY, busybox.state());
        assertEquals(null, busybox.disk());
        assertEquals(1, registry.list().size());
    }

    @Test
    void namesCannotLeaveTheFolderAndBrokenImagesAreSkipped(@TempDir Path root) throws Exception {
        image(root.resolve("inner"), "good", "{}");
        image(root.resolve("inner"), "escapes", "{\"kernel\":\"../../../etc/passwd\"}");
        image(root.resolve("inner"), "garbage", "{ not json");
        ImageRepository registry = new ImageRepository(root.resolve("inner"));
        assertTrue(registry.find("../inner/good").isEmpty());
        assertTrue(registry.find("..").isEmpty());
        assertTrue(registry.find("escapes").isEmpty());
        assertTrue(registry.find("garbage").isEmpty());
        assertTrue(registry.find("good").isPresent());
        assertEquals(1, registry.list().size());
    }

    @Test
    void aMissingFolderMeansNoImages(@TempDir Path root) {
        assertTrue(new ImageRepository(root.resolve("absent")).list().isEmpty());
    }
}
