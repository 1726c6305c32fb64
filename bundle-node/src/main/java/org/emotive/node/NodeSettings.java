package org.emotive.node;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.hypervisor.NetworkSpec;

/** {@link NodeConfig} checked: every value usable as it is, or an error naming its key. */
record NodeSettings(String nodeId, String address, String architecture, Path storageDir, Path imagesDir,
                    URI debianMirror, String debianSuite, int defaultVcpus, int defaultMemoryMiB,
                    int defaultDiskGiB, int defaultHomeGiB, int maxVcpusPerVm, int maxMemoryMiBPerVm, NetworkSpec network,
                    int maxTaskInputMiB) {

    /** 1 TiB: task inputs are copied onto a disk image of the node, so more is no sane limit. */
    static final int MAX_TASK_INPUT_MIB = 1 << 20;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
    private static final Pattern SUITE = Pattern.compile("[a-z][a-z0-9-]{1,30}");
    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9_.-]{1,50}");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern BRIDGE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Set<String> ARCHITECTURES = Set.of("x86_64", "aarch64");

    /** The defaults of {@link NodeConfig}, for a node whose configuration file is invalid from the start. */
    static NodeSettings defaults(String hostLabel, String hostName) {
        return new NodeSettings(hostLabel, hostName, "x86_64", Path.of("/var/lib/emotive"),
                Path.of("/var/lib/emotive/images"), URI.create("http://deb.debian.org/debian"), "bookworm", 1, 128, 0,
                0, 64, 65536, null, 4096);
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
        NetworkSpec network = network(c);
        atLeast("maxVcpusPerVm", c.maxVcpusPerVm(), 1);
        atLeast("maxMemoryMiBPerVm", c.maxMemoryMiBPerVm(), VmSpecValidator.MIN_MEMORY_MIB);
        between("defaultVcpus", c.defaultVcpus(), 1, c.maxVcpusPerVm());
        between("defaultMemoryMiB", c.defaultMemoryMiB(), VmSpecValidator.MIN_MEMORY_MIB, c.maxMemoryMiBPerVm());
        between("defaultDiskGiB", c.defaultDiskGiB(), 0, VmSpecValidator.MAX_DISK_GIB);
        between("defaultHomeGiB", c.defaultHomeGiB(), 0, VmSpecValidator.MAX_DISK_GIB);
        between("maxTaskInputMiB", c.maxTaskInputMiB(), 1, MAX_TASK_INPUT_MIB);
        return new NodeSettings(nodeId, address, c.architecture(), absolute("storageDir", c.storageDir()),
                absolute("imagesDir", c.imagesDir()), mirror(c.debianMirror()), c.debianSuite(), c.defaultVcpus(),
                c.defaultMemoryMiB(), c.defaultDiskGiB(), c.defaultHomeGiB(), c.maxVcpusPerVm(), c.maxMemoryMiBPerVm(),
                network, c.maxTaskInputMiB());
    }

    long maxTaskInputBytes() {
        return (long) maxTaskInputMiB << 20;
    }

    /** {@code null} when VMs get no NIC. */
    private static NetworkSpec network(NodeConfig c) {
        String name = c.network().trim();
        if (name.isEmpty()) {
            return null;
        }
        if (!NETWORK.matcher(name).matches()) {
            throw new InvalidFieldException("network", "network must be a libvirt network name (A-Z, a-z, 0-9, '_', '.', '-')");
        }
        NetworkSpec.Mode mode;
        try {
            mode = NetworkSpec.Mode.valueOf(c.networkMode().trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("networkMode", "networkMode must be existing, isolated, nat or bridge");
        }
        String address = c.networkAddress().trim();
        var m = CIDR.matcher(address);
        boolean cidr = m.matches();
        for (int i = 1; cidr && i <= 4; i++) {
            cidr = Integer.parseInt(m.group(i)) <= 255;
        }
        if (!cidr || Integer.parseInt(m.group(5)) < 8 || Integer.parseInt(m.group(5)) > 30) {
            throw new InvalidFieldException("networkAddress", "networkAddress must be an IPv4 address with a prefix"
                    + " of 8 to 30, such as 10.77.10.1/24");
        }
        String domain = c.networkDomain().trim();
        if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            throw new InvalidFieldException("networkDomain", "networkDomain must be a DNS name such as emotive.internal");
        }
        String bridge = c.networkBridge().trim();
        if (!BRIDGE.matcher(bridge).matches()) {
            throw new InvalidFieldException("networkBridge", "networkBridge must be an interface name of 1-15 characters");
        }
        return new NetworkSpec(name, mode, address, domain, bridge);
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
