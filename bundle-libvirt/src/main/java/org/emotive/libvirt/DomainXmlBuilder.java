package org.emotive.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.emotive.api.hypervisor.DomainDefinition;
import org.emotive.api.image.DiskFile;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Builds libvirt domain XML with the DOM API, so that every name and path is escaped by the
 * XML library and never pasted into markup.
 */
public final class DomainXmlBuilder {

    private final String domainType;
    private final String osType;

    /**
     * @param domainType libvirt's {@code <domain type>}: {@code kvm}, {@code qemu}, {@code xen}
     * @param osType     {@code <os><type>}: {@code hvm} for fully virtualised guests
     */
    public DomainXmlBuilder(String domainType, String osType) {
        this.domainType = domainType;
        this.osType = osType;
    }

    public String build(DomainDefinition def) {
        Document doc = newDocument();
        Element domain = doc.createElement("domain");
        domain.setAttribute("type", domainType);
        doc.appendChild(domain);

        text(domain, "name", def.domainName());
        text(domain, "uuid", def.id().toString());
        text(domain, "memory", Integer.toString(def.maxMemoryMiB())).setAttribute("unit", "MiB");
        text(domain, "currentMemory", Integer.toString(def.memoryMiB())).setAttribute("unit", "MiB");
        Element vcpu = text(domain, "vcpu", Integer.toString(def.maxVcpus()));
        vcpu.setAttribute("placement", "static");
        vcpu.setAttribute("current", Integer.toString(def.vcpus()));

        Element os = child(domain, "os");
        Element type = text(os, "type", osType);
        type.setAttribute("arch", "x86_64");
        if (def.kernel() != null) {
            text(os, "kernel", def.kernel().toString());
            text(os, "initrd", def.initrd().toString());
            text(os, "cmdline", def.cmdline() == null ? "" : def.cmdline());
        } else {
            child(os, "boot").setAttribute("dev", "hd");
        }

        // ACPI lets a graceful shutdown reach the guest as a power-button press.
        child(child(domain, "features"), "acpi");
        text(domain, "on_poweroff", "destroy");
        text(domain, "on_reboot", "restart");
        text(domain, "on_crash", "destroy");

        Element devices = child(domain, "devices");
        if (def.disk() != null) {
            disk(devices, def.disk(), "vda");
        }
        if (def.extraDisks().size() > 24) {
            throw new IllegalArgumentException("at most 24 extra disks (vdb to vdy)");
        }
        // extra disks keep their letters whether or not there is an instance disk: vdb, vdc, ...
        for (int i = 0; i < def.extraDisks().size(); i++) {
            disk(devices, def.extraDisks().get(i), "vd" + (char) ('b' + i));
        }
        if (def.network() != null) {
            Element nic = child(devices, "interface");
            nic.setAttribute("type", "network");
            child(nic, "mac").setAttribute("address", macAddress(def.id()));
            child(nic, "source").setAttribute("network", def.network());
            child(nic, "model").setAttribute("type", "virtio");
        }
        Element serial = child(devices, "serial");
        serial.setAttribute("type", "pty");
        Element log = child(serial, "log");
        log.setAttribute("file", def.consoleLog().toString());
        log.setAttribute("append", "on");
        child(serial, "target").setAttribute("port", "0");
        Element console = child(devices, "console");
        console.setAttribute("type", "pty");
        Element target = child(console, "target");
        target.setAttribute("type", "serial");
        target.setAttribute("port", "0");
        child(devices, "memballoon").setAttribute("model", "virtio");
        return serialize(doc);
    }

    /**
     * The MAC address of a VM's NIC, derived from its id: stable across redefinitions, in the
     * locally administered range QEMU uses (52:54:00).
     */
    public static String macAddress(java.util.UUID id) {
        long bits = id.getLeastSignificantBits();
        return String.format("52:54:00:%02x:%02x:%02x", bits >>> 16 & 255, bits >>> 8 & 255, bits & 255);
    }

    /** A domain's XML with {@code <currentMemory>} set to {@code memoryMiB}; the rest is kept as it is. */
    public static String withCurrentMemory(String domainXml, int memoryMiB) {
        Document doc = parse(domainXml);
        NodeList found = doc.getDocumentElement().getElementsByTagName("currentMemory");
        Element current;
        if (found.getLength() == 0) {
            current = doc.createElement("currentMemory");
            doc.getDocumentElement().appendChild(current);
        } else {
            current = (Element) found.item(0);
        }
        current.setAttribute("unit", "MiB");
        current.setTextContent(Integer.toString(memoryMiB));
        return serialize(doc);
    }

    /** A virtio disk; the instance disk is the first, {@code /dev/vda} in the guest. */
    private static void disk(Element devices, DiskFile file, String dev) {
        Element disk = child(devices, "disk");
        disk.setAttribute("type", "file");
        disk.setAttribute("device", "disk");
        Element driver = child(disk, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", file.format());
        child(disk, "source").setAttribute("file", file.path().toString());
        Element target = child(disk, "target");
        target.setAttribute("dev", dev);
        target.setAttribute("bus", "virtio");
    }

    static Element child(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElement(name);
        parent.appendChild(e);
        return e;
    }

    static Element text(Element parent, String name, String value) {
        Element e = child(parent, name);
        e.setTextContent(value);
        return e;
    }

    private static Document parse(String xml) {
        try {
            return factory().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("libvirt gave unreadable domain XML", e);
        }
    }

    /** No DTDs, no external entities: the XML comes from libvirt, but nothing outside it is read. */
    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory;
    }

    static Document newDocument() {
        try {
            return factory().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser available", e);
        }
    }

    static String serialize(Document doc) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize domain XML", e);
        }
    }
}
