package org.emotive.rest;

import java.security.Principal;
import javax.ws.rs.core.SecurityContext;

/** The authenticated user of a request. */
record Caller(String name, boolean admin) implements Principal {

    static final String ADMIN_ROLE = "admin";

    @Override
    public String getName() {
        return name;
    }

    /** Whether this caller may see a resource owned by {@code owner}: its owner or an admin. */
    boolean maySee(String owner) {
        return admin || name.equals(owner);
    }

    static Caller of(SecurityContext security) {
        return (Caller) security.getUserPrincipal();
    }
}
