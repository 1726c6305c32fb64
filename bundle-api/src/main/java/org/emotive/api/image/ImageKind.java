package org.emotive.api.image;

/** What an image holds. */
public enum ImageKind {
    /** A kernel and an initramfs booted directly by the hypervisor; no base disk. */
    KERNEL,
    /** A base disk (qcow2), booted by its own loader or by a kernel kept beside it. */
    DISK;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
