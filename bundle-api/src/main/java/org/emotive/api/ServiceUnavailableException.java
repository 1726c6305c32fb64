package org.emotive.api;

/** A service the request needs is absent right now (no hypervisor driver, no storage); retry later. */
public class ServiceUnavailableException extends EmotiveException {
    private static final long serialVersionUID = 1L;
    private final int retryAfterSeconds;

    public ServiceUnavailableException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
