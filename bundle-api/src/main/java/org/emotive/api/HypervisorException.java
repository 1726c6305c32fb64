package org.emotive.api;

/** The hypervisor refused or failed an operation that the request itself did not cause. */
public class HypervisorException extends EmotiveException {
    private static final long serialVersionUID = 1L;

    public HypervisorException(String message, Throwable cause) {
        super(message, cause);
    }

    public HypervisorException(String message) {
        super(message);
    }
}
