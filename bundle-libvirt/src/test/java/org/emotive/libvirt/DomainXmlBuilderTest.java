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
import org.emotive.api.image.Image;
import org.emotive.api.image.ImageKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class DomainXmlBuilderTest {

    private static final UUID ID = UUID.fromString("6f1c1d2e-0000-4000-8000-000000000001");

    private static DomainDefinition definition(String name, String path) {
        Image image = new Image("img", ImageKind.KERNEL, Path.of(path, "vmlinuz"), Path.of(path, "initrd.img"),
                "console=ttyS0 x=\"" + name + "\"");
        return new DomainDefinition(ID, name, 1, 2, 128, 256, image, Path.of(path, "console.log"));
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
        for (String name : List.of("web-1", "a&b<c>'\"")) {
            Path file = dir.resolve("domain.xml");
            Files.writeString(file, new DomainXmlBuilder("qemu", "hvm").build(definition(name, "/var/lib/emotive")));
            Process p = new ProcessBuilder(validator.toString(), file.toString(), "domain").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
        }
    }
}
