package org.emotive.api;

/** The request is well formed but clashes with the current state (duplicate name, wrong VM state). */
public class ConflictException extends EmotiveException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
