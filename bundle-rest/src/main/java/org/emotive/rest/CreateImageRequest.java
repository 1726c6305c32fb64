package org.emotive.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code POST /images}: exactly one source, a disk file on the node or a
 * debootstrap build. {@code kernel}/{@code initrd}/{@code cmdline} boot a file's disk directly.
 */
@Schema(name = "ImageCreate")
public record CreateImageRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[a-z0-9][a-z0-9._-]{0,62}$") String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Source source,
        String kernel, String initrd, String cmdline) {

    /** Where the image comes from. */
    @Schema(name = "ImageSource")
    public record Source(@Schema(description = "a raw or qcow2 file on the node (admin only)") String file,
                         Debootstrap debootstrap) {
    }

    /** A Debian base image; absent fields take the node's configured defaults. */
    @Schema(name = "ImageDebootstrap")
    public record Debootstrap(String suite, String mirror, String arch, List<String> packages, Integer diskGiB) {
    }
}
