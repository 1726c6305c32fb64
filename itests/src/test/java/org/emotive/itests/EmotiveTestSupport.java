package org.emotive.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.karaf.itests.KarafTestSupport;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;

/**
 * Boots the real Emotive assembly (KVM driver, node, REST, shell) against the host's real
 * libvirtd. Each test class gets its own container and its own record folder.
 */
public abstract class EmotiveTestSupport extends KarafTestSupport {

    /** Printed by the test guest on its serial console at every boot. */
    protected static final String GUEST_MARKER = "EMOTIVE-GUEST-UP";

    protected EmotiveTestSupport() {
        // KarafTestSupport retries a failed test once; a flaky test must show, not pass quietly
        retry = new Retry(false);
    }

    @Override
    public MavenArtifactUrlReference getKarafDistribution() {
        return maven().groupId("org.emotive").artifactId("karaf-assembly").type("tar.gz").versionAsInProject();
    }

    @Configuration
    @Override
    public Option[] config() {
        String storage = "/var/lib/emotive/itest/" + getClass().getSimpleName() + "-" + System.currentTimeMillis();
        String images = imagesDir(Path.of(storage)).toString();
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/org.emotive.node.cfg", "storageDir", storage),
                editConfigurationFilePut("etc/org.emotive.node.cfg", "imagesDir", images),
                editConfigurationFilePut("etc/org.emotive.node.cfg", "nodeId", "node-1"));
    }

    /** The shared images folder with the test guest; a test that adds images gives its own. */
    protected Path imagesDir(Path storage) {
        return sharedImages();
    }

    protected static Path sharedImages() {
        return Path.of(System.getProperty("emotive.images.dir", "/var/lib/emotive/images"));
    }

    /** Inside the container: a folder set in {@code etc/org.emotive.node.cfg} ({@code storageDir}, {@code imagesDir}). */
    protected static Path nodeFolder(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of(System.getProperty("karaf.etc"), "org.emotive.node.cfg"))) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2 && kv[0].trim().equals(key)) {
                return Path.of(kv[1].trim());
            }
        }
        throw new IllegalStateException("no " + key + " in org.emotive.node.cfg");
    }

    protected static Path storageDir() throws IOException {
        return nodeFolder("storageDir");
    }

    protected RestClient rest(String user, String password) {
        try {
            return new RestClient(Integer.parseInt(getHttpPort()), user, password);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the container's HTTP port", e);
        }
    }

    protected RestClient admin() {
        return rest("karaf", "karaf");
    }

    /** UUIDs of every domain libvirt has, running or not: what a failed request must not change. */
    protected static List<String> libvirtDomains() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("virsh", "-c", "qemu:///system", "list", "--all", "--uuid")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("virsh list failed: " + out);
        }
        return Arrays.stream(out.split("\n")).map(String::trim).filter(s -> !s.isEmpty()).sorted().toList();
    }

    protected static String domainState(String uuid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("virsh", "-c", "qemu:///system", "domstate", uuid)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(30, TimeUnit.SECONDS);
        return p.exitValue() == 0 ? out : "absent";
    }

    protected static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** Polls until {@code condition} holds; fails the test with {@code what} after {@code timeout}. */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** {@code qemu-img info} of a disk, which may be in use by a running guest. */
    protected static com.fasterxml.jackson.databind.JsonNode qemuImgInfo(Path file) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(runChecked("qemu-img", "info", "--output=json", "-U", file.toString()));
    }

    /** Runs a program of the host; its output, after checking it ended well. */
    protected static String runChecked(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.Assert.assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        org.junit.Assert.assertEquals(String.join(" ", argv) + ": " + out, 0, p.exitValue());
        return out;
    }

    protected static String readFile(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
