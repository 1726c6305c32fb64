package org.emotive.api;

/** The named resource does not exist (or the caller may not know that it does). */
public class NotFoundException extends EmotiveException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
