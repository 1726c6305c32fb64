package org.emotive.rest;

/** A request answered with a ready problem: a body too large (413), not JSON (415) or not the expected JSON (400), or a caller without the right (403). */
final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
