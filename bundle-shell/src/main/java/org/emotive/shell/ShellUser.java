package org.emotive.shell;

import java.security.AccessController;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/** The user the shell session runs as (Karaf runs commands inside Subject.doAs). */
final class ShellUser {

    static final String DEFAULT = "karaf";

    private ShellUser() {
    }

    @SuppressWarnings("removal") // Karaf 4.4 still hands the session user over this way
    static String current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (UserPrincipal user : subject.getPrincipals(UserPrincipal.class)) {
                return user.getName();
            }
        }
        return DEFAULT;
    }
}
