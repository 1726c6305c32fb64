package org.emotive.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.emotive.api.hypervisor.DomainDefinition;
import org.emotive.api.hypervisor.NetworkSpec;
import org.emotive.api.image.DiskFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class DomainXmlBuilderTest {

    private static final UUID ID = UUID.fromString("6f1c1d2e-0000-4000-8000-000000000001");

    private static DomainDefinition definition(String name, String path) {
        return new DomainDefinition(ID, name, 1, 2, 128, 256, Path.of(path, "vmlinuz"), Path.of(path, "initrd.img"),
                "console=ttyS0 x=\"" + name + "\"", new DiskFile(Path.of(path, "disk.qcow2"), "qcow2", 1L << 30, 0),
                Path.of(path, "console.log"));
    }

    private static DomainDefinition diskBoot(String name) {
        return new DomainDefinition(ID, name, 1, 1, 128, 128, null, null, null,
                new DiskFile(Path.of("/var/lib/emotive/instances", name + ".qcow2"), "qcow2", 1L << 30, 0),
                Path.of("/var/lib/emotive/console.log"));
    }

    /** A task's VM: kernel boot, no instance disk, an input and an output disk. */
    private static DomainDefinition withTaskDisks(String name) {
        return new DomainDefinition(ID, name, 1, 1, 128, 128, Path.of("/k/vmlinuz"), Path.of("/k/initrd.img"), "console=ttyS0",
                null, Path.of("/var/lib/emotive/console.log"),
                List.of(new DiskFile(Path.of("/var/lib/emotive/tasks", name, "in.img"), "raw", 1L << 20, 0),
                        new DiskFile(Path.of("/var/lib/emotive/tasks", name, "out.img"), "raw", 1L << 26, 0)));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String text(Document doc, String tag) {
        return doc.getElementsByTagName(tag).item(0).getTextContent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "quote'\"s", "<domain type='xen'>", "a&b;&amp;", "]]>", "../../etc/passwd",
            "spaces and\ttabs", "név-名前-😀", "</name><on_crash>restart</on_crash><name>"})
    void hostileValuesStayTextAndCannotChangeTheStructure(String hostile) throws Exception {
        String xml = new DomainXmlBuilder("qemu", "hvm").build(definition(hostile, "/srv/" + hostile));
        Document doc = parse(xml);
        Element root = doc.getDocumentElement();
        assertEquals("domain", root.getTagName());
        assertEquals("qemu", root.getAttribute("type"));
        assertEquals(hostile, text(doc, "name"));
        assertEquals(1, doc.getElementsByTagName("name").getLength());
        assertEquals(1, doc.getElementsByTagName("on_crash").getLength());
        assertEquals("destroy", text(doc, "on_crash"));
        assertEquals("/srv/" + hostile + "/vmlinuz", text(doc, "kernel"));
        assertEquals("console=ttyS0 x=\"" + hostile + "\"", text(doc, "cmdline"));
        Element log = (Element) doc.getElementsByTagName("log").item(0);
        assertEquals("/srv/" + hostile + "/console.log", log.getAttribute("file"));
        Element source = (Element) doc.getElementsByTagName("source").item(0);
        assertEquals("/srv/" + hostile + "/disk.qcow2", source.getAttribute("file"));
    }

    @Test
    void aDiskWithoutKernelBootsFromTheDisk() throws Exception {
        Document doc = parse(new DomainXmlBuilder("qemu", "hvm").build(diskBoot("web-2")));
        assertEquals(0, doc.getElementsByTagName("kernel").getLength());
        assertEquals("hd", ((Element) doc.getElementsByTagName("boot").item(0)).getAttribute("dev"));
        Element disk = (Element) doc.getElementsByTagName("disk").item(0);
        assertEquals("qcow2", ((Element) disk.getElementsByTagName("driver").item(0)).getAttribute("type"));
        assertEquals("vda", ((Element) disk.getElementsByTagName("target").item(0)).getAttribute("dev"));
        assertEquals("virtio", ((Element) disk.getElementsByTagName("target").item(0)).getAttribute("bus"));
    }

    @Test
    void extraDisksFollowTheInstanceDiskInOrder() throws Exception {
        Document doc = parse(new DomainXmlBuilder("qemu", "hvm").build(withTaskDisks("task-1")));
        NodeList disks = doc.getElementsByTagName("disk");
        assertEquals(2, disks.getLength());
        Element in = (Element) disks.item(0);
        Element out = (Element) disks.item(1);
        assertEquals("vdb", ((Element) in.getElementsByTagName("target").item(0)).getAttribute("dev"));
        assertEquals("raw", ((Element) in.getElementsByTagName("driver").item(0)).getAttribute("type"));
        assertEquals("/var/lib/emotive/tasks/task-1/in.img",
                ((Element) in.getElementsByTagName("source").item(0)).getAttribute("file"));
        assertEquals("vdc", ((Element) out.getElementsByTagName("target").item(0)).getAttribute("dev"));
        Document both = parse(new DomainXmlBuilder("qemu", "hvm").build(new DomainDefinition(ID, "t", 1, 1, 128, 128,
                null, null, null, new DiskFile(Path.of("/d.qcow2"), "qcow2", 1, 0), Path.of("/c.log"),
                List.of(new DiskFile(Path.of("/e.img"), "raw", 1, 0)))));
        NodeList targets = both.getElementsByTagName("target");
        assertEquals("vda", ((Element) targets.item(0)).getAttribute("dev"));
        assertEquals("vdb", ((Element) targets.item(1)).getAttribute("dev"));
    }

    @Test
    void sizesAndBootAreWhereLibvirtExpectsThem() throws Exception {
        Document doc = parse(new DomainXmlBuilder("kvm", "hvm").build(definition("web-1", "/var/lib/emotive")));
        assertEquals("kvm", doc.getDocumentElement().getAttribute("type"));
        assertEquals(ID.toString(), text(doc, "uuid"));
        Element memory = (Element) doc.getElementsByTagName("memory").item(0);
        assertEquals("256", memory.getTextContent());
        assertEquals("MiB", memory.getAttribute("unit"));
        assertEquals("128", text(doc, "currentMemory"));
        Element vcpu = (Element) doc.getElementsByTagName("vcpu").item(0);
        assertEquals("2", vcpu.getTextContent());
        assertEquals("1", vcpu.getAttribute("current"));
        assertEquals(1, doc.getElementsByTagName("acpi").getLength());
        assertEquals("hvm", text(doc, "type"));
    }

    /** libvirt's own schema check, where libxml2-utils is installed (the test set-up installs it). */
    @Test
    void libvirtSchemaAcceptsTheXml(@TempDir Path dir) throws Exception {
        Path validator = Path.of("/usr/bin/virt-xml-validate");
        Assumptions.assumeTrue(Files.isExecutable(validator), "virt-xml-validate is not installed");
        for (DomainDefinition def : List.of(definition("web-1", "/var/lib/emotive"),
                definition("a&b<c>'\"", "/var/lib/emotive"), diskBoot("web-2"), withTaskDisks("task-1"))) {
            Path file = dir.resolve("domain.xml");
            Files.writeString(file, new DomainXmlBuilder("qemu", "hvm").build(def));
            Process p = new ProcessBuilder(validator.toString(), file.toString(), "domain").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
        }
    }

    @Test
    void theCurrentMemoryIsRewrittenAndNothingElse() throws Exception {
        String xml = new DomainXmlBuilder("qemu", "hvm").build(definition("web-1", "/var/lib/emotive"));
        Document doc = parse(DomainXmlBuilder.withCurrentMemory(xml, 200));
        assertEquals("200", text(doc, "currentMemory"));
        assertEquals("MiB", ((Element) doc.getElementsByTagName("currentMemory").item(0)).getAttribute("unit"));
        assertEquals("256", text(doc, "memory"));
        assertEquals("web-1", text(doc, "name"));
        assertEquals(1, doc.getElementsByTagName("disk").getLength());
    }

    @Test
    void aDoctypeInDomainXmlIsRefused() {
        String evil = "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><domain><name>&x;</name></domain>";
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DomainXmlBuilder.withCurrentMemory(evil, 128));
    }

    @Test
    void aNetworkGivesOneVirtioNicWithAMacDerivedFromTheId(@TempDir Path dir) throws Exception {
        DomainDefinition plain = diskBoot("web-3");
        DomainDefinition def = new DomainDefinition(plain.id(), plain.domainName(), 1, 1, 128, 128, null, null, null,
                plain.disk(), plain.consoleLog(), "emotive");
        String xml = new DomainXmlBuilder("qemu", "hvm").build(def);
        Document doc = parse(xml);
        Element nic = (Element) doc.getElementsByTagName("interface").item(0);
        assertEquals("network", nic.getAttribute("type"));
        assertEquals("emotive", ((Element) nic.getElementsByTagName("source").item(0)).getAttribute("network"));
        assertEquals("virtio", ((Element) nic.getElementsByTagName("model").item(0)).getAttribute("type"));
        String mac = ((Element) nic.getElementsByTagName("mac").item(0)).getAttribute("address");
        assertEquals(DomainXmlBuilder.macAddress(ID), mac);
        assertTrue(mac.matches("52:54:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}"), mac);
        assertEquals(0, parse(new DomainXmlBuilder("qemu", "hvm").build(plain)).getElementsByTagName("interface").getLength());
        validate(dir, xml, "domain");
    }

    @Test
    void networksEmotiveDefinesAreValidLibvirtXml(@TempDir Path dir) throws Exception {
        String isolated = NetworkXmlBuilder.build(new NetworkSpec("emo-<&>", NetworkSpec.Mode.ISOLATED, "10.77.10.1/24",
                "emotive.internal", "br0"));
        Document doc = parse(isolated);
        assertEquals("emo-<&>", text(doc, "name"));
        assertEquals(0, doc.getElementsByTagName("forward").getLength(), "isolated: nothing forwarded");
        Element ip = (Element) doc.getElementsByTagName("ip").item(0);
        assertEquals("10.77.10.1", ip.getAttribute("address"));
        assertEquals("255.255.255.0", ip.getAttribute("netmask"));
        Element range = (Element) doc.getElementsByTagName("range").item(0);
        assertEquals("10.77.10.2", range.getAttribute("start"));
        assertEquals("10.77.10.254", range.getAttribute("end"));
        assertEquals("emotive.internal", ((Element) doc.getElementsByTagName("domain").item(0)).getAttribute("name"));
        validate(dir, isolated, "network");

        String nat = NetworkXmlBuilder.build(new NetworkSpec("emo", NetworkSpec.Mode.NAT, "192.168.7.254/23", "x.y", "br0"));
        Document natDoc = parse(nat);
        assertEquals("nat", ((Element) natDoc.getElementsByTagName("forward").item(0)).getAttribute("mode"));
        assertEquals("255.255.254.0", ((Element) natDoc.getElementsByTagName("ip").item(0)).getAttribute("netmask"));
        assertEquals("192.168.7.253", ((Element) natDoc.getElementsByTagName("range").item(0)).getAttribute("end"));
        validate(dir, nat, "network");

        String bridge = NetworkXmlBuilder.build(new NetworkSpec("lan", NetworkSpec.Mode.BRIDGE, null, null, "br0"));
        assertEquals("br0", ((Element) parse(bridge).getElementsByTagName("bridge").item(0)).getAttribute("name"));
        validate(dir, bridge, "network");
    }

    private static void validate(Path dir, String xml, String schema) throws Exception {
        Path validator = Path.of("/usr/bin/virt-xml-validate");
        Assumptions.assumeTrue(Files.isExecutable(validator), "virt-xml-validate is not installed");
        Path file = dir.resolve(schema + ".xml");
        Files.writeString(file, xml);
        Process p = new ProcessBuilder(validator.toString(), file.toString(), schema).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + "\n" + xml);
    }
}
