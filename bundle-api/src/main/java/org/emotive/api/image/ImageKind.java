package org.emotive.api.image;

/** How an image boots. */
public enum ImageKind {
    /** A kernel and an initramfs booted directly by the hypervisor; no disk. */
    KERNEL
}
