package org.emotive.node;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.emotive.api.InvalidFieldException;

/** {@link NodeConfig} checked: every value usable as it is, or an error naming its key. */
record NodeSettings(String nodeId, String address, String architecture, Path storageDir, Path imagesDir,
                    URI debianMirror, String debianSuite, int defaultVcpus, int defaultMemoryMiB,
                    int defaultDiskGiB, int maxVcpusPerVm, int maxMemoryMiBPerVm, String network) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
    private static final Pattern SUITE = Pattern.compile("[a-z][a-z0-9-]{1,30}");
    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9_.-]{1,50}");
    private static final Set<String> ARCHITECTURES = Set.of("x86_64", "aarch64");

    /** The defaults of {@link NodeConfig}, for a node whose configuration file is invalid from the start. */
    static NodeSettings defaults(String hostLabel, String hostName) {
        return new NodeSettings(hostLabel, hostName, "x86_64", Path.of("/var/lib/emotive"),
                Path.of("/var/lib/emotive/images"), URI.create("http://deb.debian.org/debian"), "bookworm", 1, 128, 0,
                64, 65536, "");
    }

    static NodeSettings from(NodeConfig c, String hostLabel, String hostName) {
        String nodeId = c.nodeId().isBlank() ? hostLabel : c.nodeId().trim();
        if (!DNS_LABEL.matcher(nodeId).matches()) {
            throw new InvalidFieldException("nodeId", "nodeId must be a DNS label (a-z, 0-9, '-'), not '" + nodeId + "'");
        }
        String address = c.address().isBlank() ? hostName : c.address().trim();
        if (!HOST.matcher(address).matches()) {
            throw new InvalidFieldException("address", "address must be a host name or an IP address");
        }
        if (!ARCHITECTURES.contains(c.architecture())) {
            throw new InvalidFieldException("architecture", "architecture must be one of " + ARCHITECTURES);
        }
        if (!SUITE.matcher(c.debianSuite()).matches()) {
            throw new InvalidFieldException("debianSuite", "debianSuite must be a suite name such as bookworm");
        }
        String network = c.network().trim();
        if (!network.isEmpty() && !NETWORK.matcher(network).matches()) {
            throw new InvalidFieldException("network", "network must be a libvirt network name (A-Z, a-z, 0-9, '_', '.', '-')");
        }
        atLeast("maxVcpusPerVm", c.maxVcpusPerVm(), 1);
        atLeast("maxMemoryMiBPerVm", c.maxMemoryMiBPerVm(), VmSpecValidator.MIN_MEMORY_MIB);
        between("defaultVcpus", c.defaultVcpus(), 1, c.maxVcpusPerVm());
        between("defaultMemoryMiB", c.defaultMemoryMiB(), VmSpecValidator.MIN_MEMORY_MIB, c.maxMemoryMiBPerVm());
        between("defaultDiskGiB", c.defaultDiskGiB(), 0, VmSpecValidator.MAX_DISK_GIB);
        return new NodeSettings(nodeId, address, c.architecture(), absolute("storageDir", c.storageDir()),
                absolute("imagesDir", c.imagesDir()), mirror(c.debianMirror()), c.debianSuite(), c.defaultVcpus(),
                c.defaultMemoryMiB(), c.defaultDiskGiB(), c.maxVcpusPerVm(), c.maxMemoryMiBPerVm(), network);
    }

    private static Path absolute(String key, String value) {
        try {
            Path p = Path.of(value);
            if (!p.isAbsolute() || !p.normalize().equals(p)) {
                throw new InvalidFieldException(key, key + " must be an absolute path without '..', not '" + value + "'");
            }
            return p;
        } catch (InvalidPathException e) {
            throw new InvalidFieldException(key, key + " is not a valid path");
        }
    }

    private static URI mirror(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidFieldException("debianMirror", "debianMirror must be an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidFieldException("debianMirror", "debianMirror is not a valid URL: " + e.getReason());
        }
    }

    private static void atLeast(String key, int value, int min) {
        between(key, value, min, Integer.MAX_VALUE);
    }

    private static void between(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidFieldException(key, key + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
