package org.emotive.storage.local;

import java.io.IOException;

/** A build failed in a phase; the message carries the last lines of the build log, which is gone with the target. */
final class ImageBuildException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String phase;

    ImageBuildException(String phase, String reason, String logTail, Throwable cause) {
        super("image build failed in phase " + phase + ": " + reason
                + (logTail.isEmpty() ? "" : "\n--- last lines of build.log ---\n" + logTail), cause);
        this.phase = phase;
    }

    ImageBuildException(String phase, String reason, String logTail) {
        this(phase, reason, logTail, null);
    }

    String phase() {
        return phase;
    }
}
