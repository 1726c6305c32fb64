package org.emotive.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BootModulesCheckTest {

    private static final List<String> CLOUD_CONFIG = List.of("# CONFIG_FOO is not set", "CONFIG_VIRTIO_PCI=m",
            "CONFIG_VIRTIO_BLK=m", "CONFIG_EXT4_FS=y", "CONFIG_VIRTIO_BLK_SCSI=y");
    private static final String MODULES = "usr/lib/modules/6.1.0-50-cloud-amd64/kernel/drivers/";

    @Test
    void modulesInTheInitramfsAndBuiltInDriversPass() {
        List<String> listing = List.of(".", MODULES + "virtio/virtio_pci.ko", MODULES + "block/virtio_blk.ko");
        assertEquals(List.of(), BootModulesCheck.problems(CLOUD_CONFIG, listing));
        List<String> compressed = List.of(MODULES + "virtio/virtio_pci.ko.zst", MODULES + "block/virtio_blk.ko.xz");
        assertEquals(List.of(), BootModulesCheck.problems(CLOUD_CONFIG, compressed));
    }

    @Test
    void aMissingModuleIsNamed() {
        List<String> listing = List.of(MODULES + "virtio/virtio_pci.ko", MODULES + "block/virtio_blk_helper.ko",
                "usr/share/doc/virtio_blk.ko.txt");
        assertEquals(List.of("virtio_blk (CONFIG_VIRTIO_BLK=m) is not in the initramfs"),
                BootModulesCheck.problems(CLOUD_CONFIG, listing));
    }

    @Test
    void aModularExt4MustBeThereToo() {
        List<String> config = List.of("CONFIG_VIRTIO_PCI=y", "CONFIG_VIRTIO_BLK=y", "CONFIG_EXT4_FS=m");
        assertEquals(List.of("ext4 (CONFIG_EXT4_FS=m) is not in the initramfs"), BootModulesCheck.problems(config, List.of()));
        assertEquals(List.of(), BootModulesCheck.problems(config, List.of("lib/modules/6.1/kernel/fs/ext4/ext4.ko")));
    }

    @Test
    void aKernelWithoutTheDriverCannotBoot() {
        List<String> config = List.of("CONFIG_VIRTIO_PCI=y", "# CONFIG_VIRTIO_BLK is not set", "CONFIG_EXT4_FS=y");
        assertEquals(List.of("the kernel lacks CONFIG_VIRTIO_BLK (not set)"), BootModulesCheck.problems(config, List.of()));
    }
}
