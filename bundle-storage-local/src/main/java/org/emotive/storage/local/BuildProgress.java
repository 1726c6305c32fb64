package org.emotive.storage.local;

/** Where a build is: a phase name and an overall percent, 0..100, that never goes down. */
@FunctionalInterface
interface BuildProgress {

    /** Called on the building thread; keep it quick. */
    void phase(String phase, int percent);
}
