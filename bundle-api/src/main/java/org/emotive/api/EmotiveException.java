package org.emotive.api;

/** Base of every error an Emotive service reports to a caller; each kind maps to one HTTP status. */
public abstract class EmotiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected EmotiveException(String message) {
        super(message);
    }

    protected EmotiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
