package org.emotive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.After;
import org.junit.Test;

/**
 * The real assembly as an operator runs it ({@code bin/karaf server}), killed with SIGKILL and
 * started again: VM records come back from the node's store and libvirt, and what happened to
 * a guest while the container was down shows in its history.
 */
public class ContainerRestartIT {

    private Path home;
    private Process karaf;

    @After
    public void stop() throws Exception {
        kill();
        if (home != null) {
            run(List.of("rm", "-rf", home.toString()));
        }
    }

    @Test
    public void recordsSurviveACrashedContainer() throws Exception {
        home = unpack();
        int http = freePort();
        configure(http);
        RestClient api = new RestClient(http, "karaf", "karaf");
        start(api);

        String body = "{\"name\":\"survivor\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\"}";
        RestClient.Response created = api.postWithHeader("/api/v1/vms", "Idempotency-Key", "survive-1", body);
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();

        kill(); // SIGKILL: no deactivation, no chance to save anything more
        VmLifecycleRestIT.virsh("suspend", id); // the guest changes while nobody watches
        start(api);

        // the client retries its create after the crash: the key was kept, so it gets the same VM
        RestClient.Response retried = api.postWithHeader("/api/v1/vms", "Idempotency-Key", "survive-1", body);
        assertEquals(retried.toString(), 201, retried.status());
        assertEquals(id, retried.json().get("id").asText());
        assertEquals(1, api.get("/api/v1/vms").json().get("items").size());

        JsonNode vm = api.get("/api/v1/vms/survivor").json();
        assertEquals(id, vm.get("id").asText());
        assertEquals("paused", vm.get("state").asText());
        JsonNode events = api.get("/api/v1/vms/survivor/events").json().get("items");
        JsonNode last = events.get(events.size() - 1);
        assertTrue(last.toString(), last.get("reason").asText().contains("while the node was away")
                && "paused".equals(last.get("to").asText()));
        assertEquals(204, api.delete("/api/v1/vms/" + id).status());
        assertEquals("absent", EmotiveTestSupport.domainState(id));
    }

    private Path unpack() throws Exception {
        Path repo = Path.of(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository"), "org/emotive/karaf-assembly");
        Path tar;
        try (var versions = Files.list(repo)) {
            Path dir = versions.filter(Files::isDirectory).sorted().reduce((a, b) -> b).orElseThrow();
            try (var files = Files.list(dir)) {
                tar = files.filter(f -> f.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
            }
        }
        Path dir = Files.createTempDirectory("emotive-restart");
        run(List.of("tar", "-xzf", tar.toString(), "-C", dir.toString(), "--strip-components=1"));
        return dir;
    }

    private void configure(int http) throws IOException {
        Path storage = Path.of("/var/lib/emotive/itest/ContainerRestartIT-" + System.currentTimeMillis());
        Path images = Path.of(System.getProperty("emotive.images.dir", "/var/lib/emotive/images"));
        replace("etc/org.emotive.node.cfg", "(?m)^storageDir = .*$", "storageDir = " + storage);
        replace("etc/org.emotive.node.cfg", "(?m)^imagesDir = .*$", "imagesDir = " + images);
        replace("etc/org.ops4j.pax.web.cfg", "(?m)^org.osgi.service.http.port = .*$",
                "org.osgi.service.http.port = " + http);
        replace("etc/org.apache.karaf.shell.cfg", "(?m)^sshPort = .*$", "sshPort = " + freePort());
        replace("etc/org.apache.karaf.management.cfg", "(?m)^rmiRegistryPort = .*$", "rmiRegistryPort = " + freePort());
        replace("etc/org.apache.karaf.management.cfg", "(?m)^rmiServerPort = .*$", "rmiServerPort = " + freePort());
    }

    private void replace(String file, String regex, String line) throws IOException {
        Path p = home.resolve(file);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        String changed = text.replaceAll(regex, Matcher.quoteReplacement(line));
        assertTrue(file + " has no line matching " + regex, !changed.equals(text) || text.contains(line));
        Files.writeString(p, changed, StandardCharsets.UTF_8);
    }

    private void start(RestClient api) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .redirectErrorStream(true).redirectOutput(home.resolve("console.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = pb.start();
        EmotiveTestSupport.await("the container's REST API", Duration.ofSeconds(120),
                () -> VmLifecycleRestIT.status(api, "/api/v1/health") == 200);
    }

    /** Kills the JVM the karaf script started (and the script), like a power cut. */
    private void kill() throws Exception {
        if (karaf == null) {
            return;
        }
        karaf.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        karaf.destroyForcibly();
        karaf.waitFor(30, TimeUnit.SECONDS);
        karaf = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(String.join(" ", argv) + ": " + out, p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0);
    }

}
