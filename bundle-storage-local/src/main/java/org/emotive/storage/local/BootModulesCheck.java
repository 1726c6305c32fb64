package org.emotive.storage.local;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether an initramfs can mount {@code root=/dev/vda}: every driver on the way that the kernel has
 * as a module (=m) must be inside it; a built-in one (=y) needs nothing. Debian's cloud kernel has
 * ext4 built in and virtio as modules, which initramfs-tools' default MODULES=most includes.
 */
final class BootModulesCheck {

    record Driver(String option, String module) {
    }

    static final List<Driver> ROOT_ON_VIRTIO_EXT4 = List.of(
            new Driver("CONFIG_VIRTIO_PCI", "virtio_pci"),
            new Driver("CONFIG_VIRTIO_BLK", "virtio_blk"),
            new Driver("CONFIG_EXT4_FS", "ext4"));

    private BootModulesCheck() {
    }

    /** What is missing, as sentences; empty when the initramfs has all it needs. */
    static List<String> problems(List<String> kernelConfig, List<String> initramfsFiles) {
        List<String> problems = new ArrayList<>();
        for (Driver driver : ROOT_ON_VIRTIO_EXT4) {
            String value = configValue(kernelConfig, driver.option());
            if (value.equals("m")) {
                // modules may be compressed (.ko.xz, .ko.zst, .ko.gz) in later kernels
                Pattern file = Pattern.compile("(^|.*/)" + Pattern.quote(driver.module()) + "\\.ko(\\.(xz|zst|gz))?");
                if (initramfsFiles.stream().noneMatch(f -> file.matcher(f).matches())) {
                    problems.add(driver.module() + " (" + driver.option() + "=m) is not in the initramfs");
                }
            } else if (!value.equals("y")) {
                problems.add("the kernel lacks " + driver.option() + " (" + (value.isEmpty() ? "not set" : value) + ")");
            }
        }
        return problems;
    }

    private static String configValue(List<String> kernelConfig, String option) {
        String prefix = option + "=";
        return kernelConfig.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElse("");
    }
}
