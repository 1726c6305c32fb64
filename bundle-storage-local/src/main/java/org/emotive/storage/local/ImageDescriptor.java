package org.emotive.storage.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * {@code <imagesDir>/<name>/image.json}. File names are relative to the image's folder; a
 * descriptor written by hand (the all-in-one test guest's) needs only kind, kernel, initrd
 * and cmdline: the rest defaults to a ready image.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImageDescriptor(String name, String kind, String state, String owner, String disk, String format,
                       Long virtualSizeBytes, Long actualSizeBytes, String kernel, String initrd, String cmdline,
                       String phase, Integer progress, String error, Instant createdAt) {

    static final String DISK_FILE = "disk.qcow2";

    /** A new image, {@code pending} in its first phase. */
    static ImageDescriptor pending(String name, String owner, String phase, String cmdline, Instant now) {
        return new ImageDescriptor(name, "disk", "pending", owner, null, null, null, null, null, null, cmdline,
                phase, 0, null, now);
    }

    ImageDescriptor withProgress(String newPhase, int percent) {
        return new ImageDescriptor(name, kind, state, owner, disk, format, virtualSizeBytes, actualSizeBytes,
                kernel, initrd, cmdline, newPhase, percent, error, createdAt);
    }

    ImageDescriptor ready(QemuImg.Info info, String kernelFile, String initrdFile) {
        return new ImageDescriptor(name, kind, "ready", owner, DISK_FILE, info.format(), info.virtualSizeBytes(),
                info.actualSizeBytes(), kernelFile, initrdFile, cmdline, "done", 100, null, createdAt);
    }

    ImageDescriptor failed(String why) {
        return new ImageDescriptor(name, kind, "failed", owner, null, null, null, null, null, null, cmdline, phase,
                progress, why, createdAt);
    }
}
