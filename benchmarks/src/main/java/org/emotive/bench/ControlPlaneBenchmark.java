package org.emotive.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * N creates+deletes through Emotive's REST API against N creates+deletes of the very same
 * domain XML straight through libvirt, interleaved in one run so that both see the same host.
 * The XML is taken from a domain Emotive itself defined, so only the control plane differs.
 */
final class ControlPlaneBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String auth;
    private final int count;
    private final String image;
    private final HttpClient http = HttpClient.newHttpClient();

    ControlPlaneBenchmark(Options o) {
        this.url = o.get("url", "http://localhost:8181");
        this.auth = "Basic " + Base64.getEncoder().encodeToString(
                (o.get("user", "karaf") + ":" + o.get("password", "karaf")).getBytes(StandardCharsets.UTF_8));
        this.count = o.getInt("count", 10);
        this.image = o.get("image", "busybox");
    }

    /** The template's disk backing file, when the image has a disk: raw creates its own overlay of it. */
    private String backing;

    void run() throws Exception {
        Connect libvirt = new Connect("qemu:///system");
        String template = templateFromEmotive(libvirt);
        System.out.println("image " + image + (backing == null ? ": no disk" : ": qcow2 overlays of " + backing));
        // readable by QEMU's user: raw overlays live here too
        Path consoles = Files.createTempDirectory("emotive-bench",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        Stats rest = new Stats();
        Stats raw = new Stats();
        for (int i = 0; i < count; i++) {
            rest.add(restCreateDelete("bench-" + i));
            raw.add(rawCreateDelete(libvirt, template, "bench-raw-" + i, consoles.resolve(i + ".log")));
        }
        libvirt.close();
        System.out.println("REST create+delete : " + rest.describe());
        System.out.println("raw libvirt        : " + raw.describe());
        System.out.printf("ratio (REST/raw, mean)   : %.3f%n", rest.mean() / raw.mean());
        System.out.printf("ratio (REST/raw, median) : %.3f%n", rest.median() / raw.median());
    }

    private String templateFromEmotive(Connect libvirt) throws Exception {
        String id = create("bench-template");
        Domain domain = libvirt.domainLookupByUUIDString(id);
        String xml = domain.getXMLDesc(0);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        var sources = doc.getElementsByTagName("disk");
        if (sources.getLength() > 0) {
            String overlay = ((Element) ((Element) sources.item(0)).getElementsByTagName("source").item(0)).getAttribute("file");
            backing = JSON.readTree(exec("qemu-img", "info", "-U", "--output=json", overlay)).get("backing-filename").asText();
        }
        delete(id);
        return xml;
    }

    private long restCreateDelete(String name) throws Exception {
        long start = System.nanoTime();
        String id = create(name);
        delete(id);
        return System.nanoTime() - start;
    }

    private long rawCreateDelete(Connect libvirt, String template, String name, Path console) throws Exception {
        Path overlay = console.resolveSibling(name + ".qcow2");
        String xml = retarget(template, name, console, overlay);
        long start = System.nanoTime();
        if (backing != null) {
            exec("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", backing, overlay.toString());
        }
        Domain d = libvirt.domainDefineXML(xml);
        try {
            d.create();
            d.destroy();
        } finally {
            d.undefine();
            Files.deleteIfExists(overlay);
        }
        return System.nanoTime() - start;
    }

    private static String exec(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + out);
        }
        return out;
    }

    private String create(String name) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"" + image + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/vms"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("create " + name + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asText();
    }

    private void delete(String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/vms/" + id))
                .header("Authorization", auth).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("delete " + id + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** The template with a new name, UUID, console log and disk, changed through the DOM. */
    private static String retarget(String template, String name, Path console, Path overlay) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(template)));
        Element root = doc.getDocumentElement();
        root.getElementsByTagName("name").item(0).setTextContent(name);
        root.getElementsByTagName("uuid").item(0).setTextContent(UUID.randomUUID().toString());
        var logs = root.getElementsByTagName("log");
        for (int i = 0; i < logs.getLength(); i++) {
            ((Element) logs.item(i)).setAttribute("file", console.toString());
        }
        var disks = root.getElementsByTagName("disk");
        for (int i = 0; i < disks.getLength(); i++) {
            ((Element) ((Element) disks.item(i)).getElementsByTagName("source").item(0))
                    .setAttribute("file", overlay.toString());
        }
        var macs = root.getElementsByTagName("mac");
        for (int i = macs.getLength() - 1; i >= 0; i--) {
            macs.item(i).getParentNode().removeChild(macs.item(i)); // libvirt picks a fresh one
        }
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }
}
