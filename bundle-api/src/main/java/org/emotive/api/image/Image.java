package org.emotive.api.image;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A base image VMs boot from. {@code disk} is the base disk an instance's copy-on-write
 * overlay is backed by ({@code null} for {@link ImageKind#KERNEL} images); {@code kernel},
 * {@code initrd} and {@code cmdline} are set when the hypervisor boots the kernel directly
 * ({@code null} when the disk boots itself). {@code phase}, {@code progress} and
 * {@code error} describe long work under way or failed ({@link ImageState}).
 */
public record Image(String name, ImageKind kind, ImageState state, String owner,
                    DiskFile disk, Path kernel, Path initrd, String cmdline,
                    String phase, int progress, String error, Instant createdAt) {

    /** A ready kernel + initramfs image with no disk, as the all-in-one test guest is. */
    public static Image kernel(String name, Path kernel, Path initrd, String cmdline) {
        return new Image(name, ImageKind.KERNEL, ImageState.READY, null, null, kernel, initrd, cmdline,
                null, 100, null, null);
    }

    public boolean bootsKernel() {
        return kernel != null;
    }
}
