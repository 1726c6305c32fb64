package org.emotive.api.image;

import java.nio.file.Path;

/** A disk file as {@code qemu-img info} describes it; sizes in bytes. */
public record DiskFile(Path path, String format, long virtualSizeBytes, long actualSizeBytes) {
}
