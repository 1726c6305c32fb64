package org.emotive.shell;

/** An expected failure; Karaf prints its message without a stack trace. */
final class CommandFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailed(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the message is all an operator needs
    }
}
