package org.emotive.api.hypervisor;

/**
 * The libvirt network VMs attach to. {@code mode} {@code existing}: a network defined outside
 * Emotive, used as it is; {@code isolated} and {@code nat}: defined and started by Emotive when
 * absent, with {@code address} (the host's address in CIDR form, e.g. {@code 10.77.10.1/24})
 * serving DHCP and DNS for {@code domain}; {@code bridge}: VMs join the host bridge
 * {@code bridge} and its LAN's DHCP.
 */
public record NetworkSpec(String name, Mode mode, String address, String domain, String bridge) {

    public enum Mode {
        EXISTING, ISOLATED, NAT, BRIDGE
    }
}
