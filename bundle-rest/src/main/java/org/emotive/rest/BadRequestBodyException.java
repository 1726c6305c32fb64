package org.emotive.rest;

/** A request body that cannot be read: too large (413), not JSON (415) or not the expected JSON (400). */
final class BadRequestBodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    BadRequestBodyException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
