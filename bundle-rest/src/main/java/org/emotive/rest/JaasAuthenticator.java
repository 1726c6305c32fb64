package org.emotive.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * Checks a user name and password against Karaf's JAAS realm. Successful logins are remembered
 * for a short while, keyed by a hash of the credentials, so a script's burst of requests does
 * not run the login modules each time; a changed password takes effect within that while.
 */
final class JaasAuthenticator {

    static final String REALM = "karaf";
    private static final long REMEMBER_NANOS = 30_000_000_000L;
    private static final int MAX_REMEMBERED = 1000;

    private record Remembered(Caller caller, long until) {
    }

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    Optional<Caller> authenticate(String user, String password) {
        String key = hash(user, password);
        Remembered r = remembered.get(key);
        if (r != null && r.until() - System.nanoTime() > 0) {
            return Optional.of(r.caller());
        }
        Optional<Caller> caller = login(user, password);
        caller.ifPresent(c -> {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(c, System.nanoTime() + REMEMBER_NANOS));
        });
        return caller;
    }

    private static Optional<Caller> login(String user, String password) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // the JAAS proxy module is found through the context class loader
        thread.setContextClassLoader(JaasAuthenticator.class.getClassLoader());
        try {
            LoginContext login = new LoginContext(REALM, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback pass) {
                        pass.setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            login.login();
            boolean admin = false;
            for (Principal p : subject.getPrincipals()) {
                if (p instanceof RolePrincipal && Caller.ADMIN_ROLE.equals(p.getName())) {
                    admin = true;
                }
            }
            login.logout();
            return Optional.of(new Caller(user, admin));
        } catch (LoginException e) {
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String hash(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
