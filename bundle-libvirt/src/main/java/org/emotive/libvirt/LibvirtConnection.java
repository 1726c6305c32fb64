package org.emotive.libvirt;

import org.emotive.api.HypervisorException;
import org.libvirt.Connect;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;

/**
 * One libvirt connection, opened lazily and reopened when libvirtd was restarted, so that a
 * daemon restart costs one failed call at most.
 */
final class LibvirtConnection implements AutoCloseable {

    @FunctionalInterface
    interface Call<T> {
        T apply(Connect connect) throws LibvirtException;
    }

    /**
     * libvirt prints every error to stderr unless a handler is set; errors reach us as
     * exceptions anyway. Held in a static field so that JNA's callback is never collected.
     */
    private static final ErrorCallback SILENT = new ErrorCallback();

    private final String uri;
    private Connect connect;

    LibvirtConnection(String uri) {
        this.uri = uri;
    }

    String uri() {
        return uri;
    }

    /** Runs {@code call} on a live connection; reconnects once if the old one died. */
    <T> T call(Call<T> call) throws LibvirtException {
        Connect c = live();
        try {
            return call.apply(c);
        } catch (LibvirtException e) {
            if (stillAlive(c)) {
                throw e;
            }
            drop(c);
            return call.apply(live());
        }
    }

    private synchronized Connect live() throws LibvirtException {
        if (connect == null) {
            try {
                Connect.setErrorCallback(SILENT);
                connect = new Connect(uri);
            } catch (LibvirtException e) {
                throw e;
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                throw new HypervisorException("cannot load libvirt to reach " + uri + ": " + e.getMessage(), e);
            }
        }
        return connect;
    }

    private static boolean stillAlive(Connect c) {
        try {
            return c.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    private synchronized void drop(Connect dead) {
        if (connect == dead) {
            connect = null;
            try {
                dead.close();
            } catch (LibvirtException ignored) {
                // already broken: nothing more to release
            }
        }
    }

    @Override
    public synchronized void close() {
        if (connect != null) {
            drop(connect);
        }
    }
}
