package org.emotive.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body counted as it is read: once more than its cap has come, reading fails with
 * {@link Overflow} instead of going on, so a chunked body (whose size nobody announced) is refused
 * without being received whole.
 */
final class CappedEntityStream extends FilterInputStream {

    private final long cap;
    private final Problem problem;
    private long count;

    CappedEntityStream(InputStream body, long cap, Problem problem) {
        super(body);
        this.cap = cap;
        this.problem = problem;
    }

    @Override
    public int read() throws IOException {
        count(0);
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        count(0);
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        count(0);
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    /** No mark: a reset would count the same bytes twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Past the cap every read fails: a reader that retries after the failure gets no further. */
    private void count(long n) throws Overflow {
        count += n;
        if (count > cap) {
            throw new Overflow(problem);
        }
    }

    /**
     * The body passed its cap. An {@link IOException} on purpose: the multipart parser (mimepull)
     * wraps only those, and closes the parts it buffered in temporary files before Jersey's reader
     * rethrows it; a runtime exception would leave those files behind.
     */
    static final class Overflow extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient Problem problem;

        Overflow(Problem problem) {
            super(problem.detail());
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }
}
