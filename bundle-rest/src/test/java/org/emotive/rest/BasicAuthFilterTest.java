package org.emotive.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthFilterTest {

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wellFormedCredentialsAreSplitAtTheFirstColon() {
        assertArrayEquals(new String[] {"alice", "se:cret"}, BasicAuthFilter.credentials(basic("alice:se:cret")).orElseThrow());
        assertArrayEquals(new String[] {"bob", ""}, BasicAuthFilter.credentials(basic("bob:")).orElseThrow());
        assertTrue(BasicAuthFilter.credentials("basic " + Base64.getEncoder().encodeToString("a:b".getBytes())).isPresent());
    }

    @Test
    void anythingElseIsNoCredentials() {
        assertFalse(BasicAuthFilter.credentials(null).isPresent());
        assertFalse(BasicAuthFilter.credentials("Bearer abc").isPresent());
        assertFalse(BasicAuthFilter.credentials("Basic !!!not-base64").isPresent());
        assertFalse(BasicAuthFilter.credentials(basic("no-colon")).isPresent());
        assertFalse(BasicAuthFilter.credentials(basic(":password-only")).isPresent());
    }

    @Test
    void ownersAndAdminsSeeAVm() {
        assertTrue(new Caller("alice", false).maySee("alice"));
        assertFalse(new Caller("alice", false).maySee("bob"));
        assertTrue(new Caller("karaf", true).maySee("bob"));
    }
}
