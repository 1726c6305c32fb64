package org.emotive.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Puts a checkpoint's disk in place of a VM's overlay for as long as a step runs, and puts
 * the VM's own disk back if the step fails: a failed restore never loses the disk it replaced.
 */
final class DiskSwap {

    private final Path overlay;
    private final Path replacement;

    /** Either may be {@code null}: nothing to swap. */
    DiskSwap(Path overlay, Path replacement) {
        this.overlay = overlay;
        this.replacement = replacement;
    }

    /** Runs the step with every swap in place; a failure puts each disk back, the last swapped first. */
    static void runAll(List<DiskSwap> swaps, Runnable step) {
        if (swaps.isEmpty()) {
            step.run();
        } else {
            swaps.get(0).run(() -> runAll(swaps.subList(1, swaps.size()), step));
        }
    }

    void run(Runnable step) {
        if (overlay == null || replacement == null) {
            step.run();
            return;
        }
        Path kept = overlay.resolveSibling(overlay.getFileName() + ".before-restore");
        Path incoming = overlay.resolveSibling(overlay.getFileName() + ".restoring");
        try {
            Files.copy(replacement, incoming, StandardCopyOption.REPLACE_EXISTING);
            Files.move(overlay, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(incoming, overlay, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the checkpoint's disk in place", e);
        }
        try {
            step.run();
        } catch (RuntimeException e) {
            try {
                Files.move(kept, overlay, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException putBack) {
                e.addSuppressed(putBack);
            }
            throw e;
        }
        try {
            Files.deleteIfExists(kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the replaced disk " + kept, e);
        }
    }
}
