package org.emotive.storage.local;

/**
 * The keys of {@code etc/org.emotive.node.cfg} the local storage reads (the node agent
 * designates and documents that configuration).
 */
@interface StorageConfig {

    String storageDir() default "/var/lib/emotive";

    String imagesDir() default "/var/lib/emotive/images";

    String architecture() default "x86_64";

    String debianMirror() default "http://deb.debian.org/debian";

    String debianSuite() default "bookworm";

    /** Largest upload accepted, GiB. */
    int maxUploadGiB() default 64;
}
