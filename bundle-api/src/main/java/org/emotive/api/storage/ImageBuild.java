package org.emotive.api.storage;

import java.util.List;

/**
 * A Debian base image built with debootstrap. {@code null} fields take the node's configured
 * defaults (mirror, suite, architecture, disk size).
 */
public record ImageBuild(String name, String owner, String suite, String mirror, String arch,
                         List<String> packages, Integer diskGiB) {

    public ImageBuild {
        packages = packages == null ? List.of() : List.copyOf(packages);
    }
}
