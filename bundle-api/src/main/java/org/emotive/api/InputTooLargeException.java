package org.emotive.api;

/**
 * A caller's input is larger than this node accepts (for instance task input files over the
 * node's limit); {@link #field()} names it. Nothing was changed.
 */
public class InputTooLargeException extends InvalidFieldException {
    private static final long serialVersionUID = 1L;

    public InputTooLargeException(String field, String message) {
        super(field, message);
    }
}
