package org.emotive.api;

/** A caller's input is wrong; {@link #field()} names the offending field. Nothing was changed. */
public class InvalidFieldException extends EmotiveException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
