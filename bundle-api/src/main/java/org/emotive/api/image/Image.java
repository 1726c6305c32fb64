package org.emotive.api.image;

import java.nio.file.Path;

/**
 * A base image known to the node. For {@link ImageKind#KERNEL}, {@code kernel} and
 * {@code initrd} are absolute paths readable by the hypervisor and {@code cmdline} the
 * kernel command line.
 */
public record Image(String name, ImageKind kind, Path kernel, Path initrd, String cmdline) {
}
