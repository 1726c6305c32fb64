package org.emotive.libvirt;

import org.emotive.api.hypervisor.NetworkSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * libvirt network XML for the networks Emotive defines, built with the DOM API like the domain
 * XML. Isolated and NAT networks get libvirt's dnsmasq for DHCP and for DNS names in
 * {@code domain}; a bridge network only points at the host's bridge.
 */
public final class NetworkXmlBuilder {

    private NetworkXmlBuilder() {
    }

    public static String build(NetworkSpec spec) {
        Document doc = DomainXmlBuilder.newDocument();
        Element network = doc.createElement("network");
        doc.appendChild(network);
        DomainXmlBuilder.text(network, "name", spec.name());
        switch (spec.mode()) {
            case BRIDGE -> {
                DomainXmlBuilder.child(network, "forward").setAttribute("mode", "bridge");
                DomainXmlBuilder.child(network, "bridge").setAttribute("name", spec.bridge());
            }
            case NAT, ISOLATED -> {
                if (spec.mode() == NetworkSpec.Mode.NAT) {
                    DomainXmlBuilder.child(network, "forward").setAttribute("mode", "nat");
                } // no <forward>: isolated, nothing leaves the host
                Element domain = DomainXmlBuilder.child(network, "domain");
                domain.setAttribute("name", spec.domain());
                domain.setAttribute("localOnly", "yes");
                Cidr cidr = Cidr.parse(spec.address());
                Element ip = DomainXmlBuilder.child(network, "ip");
                ip.setAttribute("address", cidr.address());
                ip.setAttribute("netmask", cidr.netmask());
                Element range = DomainXmlBuilder.child(DomainXmlBuilder.child(ip, "dhcp"), "range");
                range.setAttribute("start", cidr.firstHost());
                range.setAttribute("end", cidr.lastHost());
            }
            default -> throw new IllegalArgumentException("Emotive does not define " + spec.mode() + " networks");
        }
        return DomainXmlBuilder.serialize(doc);
    }

    /** An IPv4 address with its prefix length, e.g. 10.77.10.1/24: the host's address on the network. */
    record Cidr(int address32, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("not an IPv4 CIDR address: " + text);
            }
            String[] octets = parts[0].split("\\.");
            if (octets.length != 4) {
                throw new IllegalArgumentException("not an IPv4 CIDR address: " + text);
            }
            int value = 0;
            for (String o : octets) {
                int n = Integer.parseInt(o);
                if (n < 0 || n > 255) {
                    throw new IllegalArgumentException("not an IPv4 CIDR address: " + text);
                }
                value = value << 8 | n;
            }
            int prefix = Integer.parseInt(parts[1]);
            if (prefix < 8 || prefix > 30) {
                throw new IllegalArgumentException("the prefix of " + text + " must be between 8 and 30");
            }
            return new Cidr(value, prefix);
        }

        private int mask() {
            return (int) (0xFFFFFFFFL << (32 - prefix));
        }

        String address() {
            return dotted(address32);
        }

        String netmask() {
            return dotted(mask());
        }

        /** The DHCP range: every host address of the subnet but the host's own and the ends. */
        String firstHost() {
            int first = (address32 & mask()) + 1;
            return dotted(first == address32 ? first + 1 : first);
        }

        String lastHost() {
            int last = (address32 | ~mask()) - 1;
            return dotted(last == address32 ? last - 1 : last);
        }

        private static String dotted(int v) {
            return (v >>> 24 & 255) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
        }
    }
}
