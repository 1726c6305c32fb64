package org.emotive.storage.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to build: a Debian suite from an http(s) mirror for one architecture, extra packages and the
 * disk's virtual size. Every field reaches a command line, so it is validated here, on construction:
 * an invalid spec cannot exist. The patterns are ASCII-only and match whole values.
 */
record DebianImageSpec(String suite, String mirror, String arch, List<String> packages, int diskGiB) {

    static final Set<String> ARCHES = Set.of("amd64", "arm64");
    static final int MIN_DISK_GIB = 1;
    static final int MAX_DISK_GIB = 64;
    static final int MAX_PACKAGES = 200;

    private static final Pattern SUITE = Pattern.compile("[a-z]{1,32}");
    // scheme, host name or IPv4 address, optional port, a path of plain segments: nothing a shell,
    // wget or debootstrap could read as anything but a URL (no spaces, quotes, %, ?, #, @, userinfo)
    private static final Pattern MIRROR = Pattern.compile(
            "https?://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~+-]*)*");
    private static final int MAX_MIRROR_LENGTH = 512;
    // Debian policy 5.6.7: lower case letters, digits, + - . ; at least two characters, starting alphanumeric
    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]{1,99}");

    DebianImageSpec {
        require("suite", suite, SUITE);
        requireMirror(mirror);
        if (arch == null || !ARCHES.contains(arch)) {
            throw invalid("arch", arch, "one of " + ARCHES);
        }
        packages = requirePackages(packages);
        if (diskGiB < MIN_DISK_GIB || diskGiB > MAX_DISK_GIB) {
            throw invalid("diskGiB", String.valueOf(diskGiB), MIN_DISK_GIB + ".." + MAX_DISK_GIB);
        }
    }

    private static void require(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw invalid(field, value, pattern.pattern());
        }
    }

    private static void requireMirror(String mirror) {
        if (mirror == null || mirror.length() > MAX_MIRROR_LENGTH || !MIRROR.matcher(mirror).matches()) {
            throw invalid("mirror", mirror, "an http(s) URL of host, port and plain path segments");
        }
        String path = mirror.substring(mirror.indexOf("//") + 2);
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid("mirror", mirror, "a path without . or .. segments");
            }
        }
        int port = mirror.indexOf(':', mirror.indexOf("//"));
        if (port > 0) {
            int end = mirror.indexOf('/', port);
            int number = Integer.parseInt(mirror.substring(port + 1, end < 0 ? mirror.length() : end));
            if (number < 1 || number > 65535) {
                throw invalid("mirror", mirror, "a port in 1..65535");
            }
        }
    }

    private static List<String> requirePackages(List<String> packages) {
        if (packages == null) {
            throw invalid("packages", null, "a list (possibly empty)");
        }
        if (packages.size() > MAX_PACKAGES) {
            throw invalid("packages", packages.size() + " names", "at most " + MAX_PACKAGES + " names");
        }
        List<String> copy = new ArrayList<>(packages.size());
        for (String name : packages) {
            require("packages", name, PACKAGE);
            copy.add(name);
        }
        return List.copyOf(copy);
    }

    private static IllegalArgumentException invalid(String field, String value, String expected) {
        String shown = value == null ? "null" : '"' + value.replaceAll("\\p{Cntrl}", "?") + '"';
        return new IllegalArgumentException("invalid " + field + " " + shown + ": expected " + expected);
    }
}
