package org.emotive.api.image;

/** Where an image is in its life: only {@code READY} images can back a VM. */
public enum ImageState {
    /** Being imported, uploaded or built; {@code phase} and {@code progress} tell how far. */
    PENDING,
    READY,
    /** The import or build failed ({@code error} says why); its partial files are gone. */
    FAILED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
