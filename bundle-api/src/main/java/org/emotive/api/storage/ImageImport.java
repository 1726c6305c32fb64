package org.emotive.api.storage;

import java.nio.file.Path;

/**
 * An image made from a disk file already on the node. {@code kernel}, {@code initrd} and
 * {@code cmdline} are optional: given, the hypervisor boots that kernel with the disk as
 * {@code /dev/vda}; absent, the disk must boot itself.
 */
public record ImageImport(String name, String owner, Path file, Path kernel, Path initrd, String cmdline) {
}
