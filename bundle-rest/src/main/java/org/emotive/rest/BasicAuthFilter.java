package org.emotive.rest;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.ext.Provider;

/** HTTP Basic authentication against Karaf's JAAS realm on every path but {@code health}. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BasicAuthFilter implements ContainerRequestFilter {

    static final String CHALLENGE = "Basic realm=\"emotive\"";

    private final JaasAuthenticator authenticator = new JaasAuthenticator();

    @Override
    public void filter(ContainerRequestContext request) {
        if ("health".equals(request.getUriInfo().getPath())) {
            return;
        }
        Optional<Caller> caller = credentials(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(c -> authenticator.authenticate(c[0], c[1]));
        if (caller.isEmpty()) {
            request.abortWith(javax.ws.rs.core.Response.fromResponse(
                    Problem.of(401, "unauthorized", "Unauthorized", "valid HTTP Basic credentials are required")
                            .toResponse()).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build());
            return;
        }
        Caller who = caller.get();
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return who;
            }

            @Override
            public boolean isUserInRole(String role) {
                return Caller.ADMIN_ROLE.equals(role) && who.admin();
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return SecurityContext.BASIC_AUTH;
            }
        });
    }

    /** {user, password} from a Basic Authorization header, if well formed. */
    static Optional<String[]> credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
