package org.emotive.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DebianImageSpecTest {

    private static final String MIRROR = "http://deb.debian.org/debian";

    @Test
    void aPlainSpecIsAccepted() {
        DebianImageSpec spec = new DebianImageSpec("bookworm", MIRROR, "amd64", List.of("less", "g++", "libc6.1-dev"), 2);
        assertEquals(List.of("less", "g++", "libc6.1-dev"), spec.packages());
        new DebianImageSpec("trixie", "https://mirror.example.org:8443/debian/", "arm64", List.of(), 1);
        new DebianImageSpec("sid", "http://127.0.0.1:9/debian", "amd64", List.of(), 64);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Bookworm", "book worm", "bookworm;", "bookworm\"", "'bookworm'", "../bookworm", "..",
        "bookworm/updates", "bookworm-backports", "bookwörm", "bookworm\n", "-bookworm", "$(id)", "bookworm "})
    void aHostileSuiteIsRejected(String suite) {
        assertRejected("suite", () -> new DebianImageSpec(suite, MIRROR, "amd64", List.of(), 2));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"deb.debian.org/debian", "ftp://deb.debian.org/debian", "file:///srv/mirror",
        "http://deb.debian.org/debian debian", "http://deb.debian.org/deb\"ian", "http://deb.debian.org/deb'ian",
        "http://deb.debian.org/debian;rm", "http://deb.debian.org/../etc", "http://deb.debian.org/debian/..",
        "http://deb.debian.org/./debian", "http://user:pw@deb.debian.org/debian", "http://deb.debian.org/debian?x=1",
        "http://deb.debian.org/debian#x", "http://deb.debian.org/deb%20ian", "http://déb.debian.org/debian",
        "http://deb.debian.org/debian\n", "http://deb.debian.org:0/debian", "http://deb.debian.org:99999/debian",
        "http://-deb.debian.org/debian", "http://", "http://deb.debian.org/$(id)", "http://deb.debian.org/`id`",
        "HTTP://deb.debian.org/debian", "http://[::1]/debian", "http://deb.debian.org\\debian"})
    void aHostileMirrorIsRejected(String mirror) {
        assertRejected("mirror", () -> new DebianImageSpec("bookworm", mirror, "amd64", List.of(), 2));
    }

    @Test
    void anOverlongMirrorIsRejected() {
        String mirror = "http://deb.debian.org/" + "a".repeat(600);
        assertRejected("mirror", () -> new DebianImageSpec("bookworm", mirror, "amd64", List.of(), 2));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"i386", "AMD64", "amd64 ", "amd64;", "arm64,amd64", "x86_64", "ａｍｄ64"})
    void anUnknownArchIsRejected(String arch) {
        assertRejected("arch", () -> new DebianImageSpec("bookworm", MIRROR, arch, List.of(), 2));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a", "Less", "less vim", "less,vim", "less;rm", "\"less\"", "'less'", "..", "../less", "-less",
        "+less", ".less", "less/", "lëss", "less\n", "less_1", "less=1.0", "less:amd64", "$(id)", "less*"})
    void aHostilePackageNameIsRejected(String name) {
        assertRejected("packages", () -> new DebianImageSpec("bookworm", MIRROR, "amd64", Arrays.asList("vim", name), 2));
    }

    @Test
    void aMissingOrHugePackageListIsRejected() {
        assertRejected("packages", () -> new DebianImageSpec("bookworm", MIRROR, "amd64", null, 2));
        List<String> many = Collections.nCopies(DebianImageSpec.MAX_PACKAGES + 1, "less");
        assertRejected("packages", () -> new DebianImageSpec("bookworm", MIRROR, "amd64", many, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void aDiskSizeOutOfRangeIsRejected(int diskGiB) {
        assertRejected("diskGiB", () -> new DebianImageSpec("bookworm", MIRROR, "amd64", List.of(), diskGiB));
    }

    @Test
    void thePackageListIsCopied() {
        List<String> packages = new ArrayList<>(List.of("less"));
        DebianImageSpec spec = new DebianImageSpec("bookworm", MIRROR, "amd64", packages, 2);
        packages.add("bad name");
        assertEquals(List.of("less"), spec.packages());
        assertThrows(UnsupportedOperationException.class, () -> spec.packages().add("vim"));
    }

    private static void assertRejected(String field, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(e.getMessage().startsWith("invalid " + field + " "), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), "control characters echoed: " + e.getMessage());
    }
}
