package org.emotive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** A real guest through its whole life over REST, checked against libvirt itself. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VmLifecycleRestIT extends EmotiveTestSupport {

    @Test
    public void guestLivesAndDiesOverRest() throws Exception {
        List<Event> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServiceRegistration<EventHandler> handler = bundleContext.registerService(EventHandler.class, posted::add,
                new java.util.Hashtable<>(java.util.Map.of(EventConstants.EVENT_TOPIC, "org/emotive/vm/*")));
        try {
            livesAndDies(posted);
        } finally {
            handler.unregister();
        }
    }

    /** A checkpoint keeps memory and disk; restoring it brings both back; a damaged one changes nothing. */
    @Test
    public void aCheckpointBringsMemoryBackAndADamagedOneChangesNothing() throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> status(api, "/api/v1/health") == 200);
        RestClient.Response created = api.post("/api/v1/vms",
                "{\"name\":\"ckpt\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\",\"diskGiB\":1}");
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();
        awaitMarkers(api, id, 1);
        GuestConsole.type(id, "echo BEFORE-$((2*21)) > /tmp/mark");

        RestClient.Response taken = api.post("/api/v1/vms/" + id + "/actions", "{\"action\":\"checkpoint\"}");
        assertEquals(taken.toString(), 202, taken.status());
        String checkpoint = taken.json().get("id").asText();
        assertTrue(taken.header("Location").endsWith("/api/v1/vms/" + id + "/checkpoints/" + checkpoint));
        assertEquals("running", api.get("/api/v1/vms/" + id).json().get("state").asText());
        assertEquals("running", domainState(id));
        awaitSealed(api, id, checkpoint);
        JsonNode listed = api.get("/api/v1/vms/" + id + "/checkpoints").json().get("items");
        assertEquals(1, listed.size());
        assertTrue(listed.get(0).get("sizeBytes").asLong() > 1 << 20);
        assertEquals("node-1", listed.get(0).get("node").asText());

        GuestConsole.type(id, "echo AFTER > /tmp/mark");
        JsonNode restored = action(api, id, "{\"action\":\"restore\",\"checkpoint\":\"" + checkpoint + "\"}");
        assertEquals("running", restored.get("state").asText());
        GuestConsole.type(id, "cat /tmp/mark");
        await("the guest's memory as it was at the checkpoint", Duration.ofSeconds(30),
                () -> console(api, id).contains("BEFORE-42"));
        assertEquals("restored, not booted again", 1, count(console(api, id), GUEST_MARKER));

        // a damaged checkpoint: refused before anything changes
        RestClient.Response again = api.post("/api/v1/vms/" + id + "/actions", "{\"action\":\"checkpoint\"}");
        assertEquals(again.toString(), 202, again.status());
        String second = again.json().get("id").asText();
        awaitSealed(api, id, second);
        java.nio.file.Path memory = storageDir().resolve("instances").resolve(id).resolve("checkpoints")
                .resolve(second).resolve("memory.save");
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(memory,
                java.nio.file.StandardOpenOption.WRITE)) {
            f.truncate(f.size() / 2);
        }
        int eventsBefore = api.get("/api/v1/vms/" + id + "/events").json().get("items").size();
        RestClient.Response damaged = api.post("/api/v1/vms/" + id + "/actions",
                "{\"action\":\"restore\",\"checkpoint\":\"" + second + "\"}");
        assertEquals(damaged.toString(), 409, damaged.status());
        assertTrue(damaged.json().get("detail").asText().contains("damaged"));
        assertEquals("running", domainState(id));
        assertEquals(eventsBefore, api.get("/api/v1/vms/" + id + "/events").json().get("items").size());
        RestClient.Response unknown = api.post("/api/v1/vms/" + id + "/actions",
                "{\"action\":\"restore\",\"checkpoint\":\"" + java.util.UUID.randomUUID() + "\"}");
        assertEquals(unknown.toString(), 404, unknown.status());
        RestClient.Response elsewhere = api.post("/api/v1/vms/" + id + "/actions",
                "{\"action\":\"restore\",\"checkpoint\":\"" + checkpoint + "\",\"node\":\"node-9\"}");
        assertEquals(elsewhere.toString(), 422, elsewhere.status());
        assertTrue(elsewhere.json().get("detail").asText().contains("node-9"));
        RestClient.Response malformed = api.post("/api/v1/vms/" + id + "/actions",
                "{\"action\":\"restore\",\"checkpoint\":\"../../etc\"}");
        assertEquals(malformed.toString(), 400, malformed.status());
        assertEquals("checkpoint", malformed.json().get("field").asText());

        // periodic: one now, then every 10 s, keeping the last 2
        RestClient.Response tooOften = api.post("/api/v1/vms/" + id + "/actions",
                "{\"action\":\"checkpoint\",\"everySeconds\":1}");
        assertEquals(tooOften.toString(), 400, tooOften.status());
        assertEquals("everySeconds", tooOften.json().get("field").asText());
        RestClient.Response periodic = api.post("/api/v1/vms/" + id + "/actions",
                "{\"action\":\"checkpoint\",\"everySeconds\":10,\"keep\":2}");
        assertEquals(periodic.toString(), 202, periodic.status());
        String firstPeriodic = periodic.json().get("id").asText();
        await("two newer periodic checkpoints, the older ones pruned", Duration.ofSeconds(90), () -> {
            try {
                JsonNode items = api.get("/api/v1/vms/" + id + "/checkpoints").json().get("items");
                return items.size() == 2 && !items.toString().contains(firstPeriodic);
            } catch (Exception e) {
                return false;
            }
        });
        RestClient.Response stopped = api.post("/api/v1/vms/" + id + "/actions",
                "{\"action\":\"checkpoint\",\"everySeconds\":0}");
        assertEquals(stopped.toString(), 200, stopped.status());
        int kept = api.get("/api/v1/vms/" + id + "/checkpoints").json().get("items").size();
        Thread.sleep(15_000);
        assertEquals("no checkpoint after the schedule stopped", kept,
                api.get("/api/v1/vms/" + id + "/checkpoints").json().get("items").size());

        assertEquals(204, api.delete("/api/v1/vms/" + id).status());
        assertFalse(java.nio.file.Files.exists(memory.getParent()));
    }

    /** A home disk is an ext4 on /home in the guest, kept in checkpoints: a restore brings its files back. */
    @Test
    public void aHomeDiskIsMountedAndARestoreBringsItsFilesBack() throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> status(api, "/api/v1/health") == 200);
        int vmsBefore = api.get("/api/v1/vms").json().get("items").size();
        RestClient.Response refused = api.post("/api/v1/vms",
                "{\"name\":\"home-bad\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\",\"homeGiB\":-1}");
        assertEquals(refused.toString(), 400, refused.status());
        assertEquals("homeGiB", refused.json().get("field").asText());
        assertEquals(vmsBefore, api.get("/api/v1/vms").json().get("items").size());

        RestClient.Response created = api.post("/api/v1/vms", "{\"name\":\"home-1\",\"vcpus\":1,"
                + "\"memoryMiB\":128,\"image\":\"busybox\",\"diskGiB\":1,\"homeGiB\":2}");
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();
        assertEquals(2, created.json().get("homeGiB").asInt());
        assertEquals(2, api.get("/api/v1/vms/" + id).json().get("homeGiB").asInt());
        java.nio.file.Path home = storageDir().resolve("instances").resolve(id).resolve("home.qcow2");
        JsonNode info = qemuImgInfo(home);
        assertEquals(2L << 30, info.get("virtual-size").asLong());
        assertTrue("a fresh home disk is small: " + info, info.get("actual-size").asLong() < 16L << 20);
        String disks = virsh("domblklist", id);
        assertTrue(disks, disks.matches("(?s).*vdb\\s+" + java.util.regex.Pattern.quote(home.toString()) + ".*"));
        awaitMarkers(api, id, 1);
        String mounted = console(api, id).lines().filter(l -> l.startsWith("EMOTIVE-HOME:")).findFirst().orElse("");
        java.util.regex.Matcher kib = java.util.regex.Pattern.compile("^EMOTIVE-HOME: \\S+\\s+(\\d+)\\s.*/home\\s*$")
                .matcher(mounted);
        assertTrue("the guest mounts a 2 GiB ext4 on /home: " + mounted, kib.matches()
                && Long.parseLong(kib.group(1)) > 1_900_000 && Long.parseLong(kib.group(1)) <= 2_097_152);

        GuestConsole.type(id, "echo KEPT-$((3*14)) > /home/note; sync");
        RestClient.Response taken = api.post("/api/v1/vms/" + id + "/actions", "{\"action\":\"checkpoint\"}");
        assertEquals(taken.toString(), 202, taken.status());
        String checkpoint = taken.json().get("id").asText();
        awaitSealed(api, id, checkpoint);
        assertTrue(java.nio.file.Files.isRegularFile(storageDir().resolve("instances").resolve(id)
                .resolve("checkpoints").resolve(checkpoint).resolve("home.qcow2")));

        // changed on the disk, then the checkpoint restored: with the page cache dropped, what the
        // guest reads comes from the home disk, which must be the checkpoint's
        GuestConsole.type(id, "echo CHANGED > /home/note; sync");
        JsonNode restored = action(api, id, "{\"action\":\"restore\",\"checkpoint\":\"" + checkpoint + "\"}");
        assertEquals("running", restored.get("state").asText());
        GuestConsole.type(id, "echo 3 > /proc/sys/vm/drop_caches; cat /home/note");
        await("the home disk as it was at the checkpoint", Duration.ofSeconds(30),
                () -> console(api, id).contains("KEPT-42"));

        assertEquals(204, api.delete("/api/v1/vms/" + id).status());
        assertFalse(java.nio.file.Files.exists(home.getParent()));
    }

    private static void awaitSealed(RestClient api, String vm, String checkpoint) throws InterruptedException {
        await("checkpoint " + checkpoint + " to be sealed", Duration.ofSeconds(60), () -> {
            try {
                return api.get("/api/v1/vms/" + vm + "/checkpoints/" + checkpoint).json().get("sealed").asBoolean();
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static String console(RestClient api, String id) {
        try {
            return api.get("/api/v1/vms/" + id + "/console?tail=2000").body();
        } catch (Exception e) {
            return "";
        }
    }

    /** A guest saved for later comes back with what it held in memory, without booting again. */
    @Test
    public void aSavedGuestComesBackWithItsMemory() throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> status(api, "/api/v1/health") == 200);
        RestClient.Response created = api.post("/api/v1/vms",
                "{\"name\":\"saver\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\"}");
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();
        awaitMarkers(api, id, 1);
        // the guest's root is its initramfs, in RAM: /tmp/data lives in the guest's memory only
        GuestConsole.type(id, "echo SAVED-$((6*7)) > /tmp/data");

        JsonNode saved = action(api, id, "{\"action\":\"save\"}");
        assertEquals("saved", saved.get("state").asText());
        assertEquals("shut off", domainState(id));
        assertTrue(virsh("dominfo", id).matches("(?s).*Managed save:\\s+yes.*"));
        RestClient.Response again = api.post("/api/v1/vms/" + id + "/actions", "{\"action\":\"suspend\"}");
        assertEquals(again.toString(), 409, again.status());
        assertTrue(again.json().get("detail").asText().contains("saved"));
        assertEquals("saved", api.get("/api/v1/vms/saver").json().get("state").asText());

        assertEquals("running", action(api, id, "{\"action\":\"resume\"}").get("state").asText());
        GuestConsole.type(id, "cat /tmp/data");
        await("the guest to read back what it held", Duration.ofSeconds(30), () -> {
            try {
                return api.get("/api/v1/vms/" + id + "/console?tail=50").body().contains("SAVED-42");
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals("it resumed, it did not boot again", 1,
                count(api.get("/api/v1/vms/" + id + "/console?tail=2000").body(), GUEST_MARKER));

        // saved again, then deleted: the stored memory goes with it
        action(api, id, "{\"action\":\"save\"}");
        assertEquals(204, api.delete("/api/v1/vms/" + id).status());
        assertEquals("absent", domainState(id));
    }

    private void livesAndDies(List<Event> posted) throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> status(api, "/api/v1/health") == 200);

        RestClient.Response created = api.post("/api/v1/vms",
                "{\"name\":\"web-1\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\",\"maxVcpus\":2,\"maxMemoryMiB\":256}");
        assertEquals(created.toString(), 201, created.status());
        JsonNode vm = created.json();
        String id = vm.get("id").asText();
        assertEquals("/api/v1/vms/" + id, java.net.URI.create(created.header("Location")).getPath());
        assertEquals("web-1", vm.get("name").asText());
        assertEquals("karaf", vm.get("owner").asText());
        assertEquals("running", vm.get("state").asText());
        assertEquals(2, vm.get("maxVcpus").asInt());
        assertEquals(256, vm.get("maxMemoryMiB").asInt());
        assertEquals("kvm", vm.get("hypervisor").asText());
        assertEquals("node-1", vm.get("node").asText());
        assertNotNull(vm.get("createdAt").asText());
        assertEquals("running", domainState(id));

        awaitMarkers(api, id, 1);

        assertEquals("paused", action(api, id, "{\"action\":\"suspend\"}").get("state").asText());
        assertEquals("paused", domainState(id));
        RestClient.Response again = api.post("/api/v1/vms/" + id + "/actions", "{\"action\":\"suspend\"}");
        assertEquals(again.toString(), 409, again.status());
        assertTrue(again.json().get("detail").asText().contains("paused"));
        assertEquals("running", action(api, id, "{\"action\":\"resume\"}").get("state").asText());
        assertEquals("running", domainState(id));

        JsonNode grown = action(api, id, "{\"action\":\"resize\",\"vcpus\":2,\"memoryMiB\":200}");
        assertEquals(2, grown.get("vcpus").asInt());
        assertEquals(200, grown.get("memoryMiB").asInt());
        assertTrue(virsh("vcpucount", id, "--live", "--active").trim().equals("2"));
        await("the balloon to reach 200 MiB", Duration.ofSeconds(30),
                () -> virsh("dommemstat", id).contains("actual 204800"));
        RestClient.Response tooBig = api.post("/api/v1/vms/" + id + "/actions", "{\"action\":\"resize\",\"vcpus\":3}");
        assertEquals(tooBig.toString(), 409, tooBig.status());
        assertTrue(tooBig.json().get("detail").asText().contains("maxVcpus 2"));
        RestClient.Response noSize = api.post("/api/v1/vms/" + id + "/actions", "{\"action\":\"resize\",\"memoryMiB\":0}");
        assertEquals(noSize.toString(), 400, noSize.status());
        assertEquals("memoryMiB", noSize.json().get("field").asText());
        assertEquals(200, api.get("/api/v1/vms/" + id).json().get("memoryMiB").asInt());

        action(api, id, "{\"action\":\"reboot\"}");
        awaitMarkers(api, id, 2);

        JsonNode stopped = action(api, "web-1", "{\"action\":\"shutdown\",\"timeoutSeconds\":120}");
        assertEquals("shutoff", stopped.get("state").asText());
        assertEquals("shut off", domainState(id));

        assertEquals("running", action(api, id, "{\"action\":\"start\"}").get("state").asText());
        awaitMarkers(api, id, 3);
        assertEquals("shutoff", action(api, id, "{\"action\":\"poweroff\"}").get("state").asText());
        // stopped: the definition changes, for the next start
        JsonNode shrunk = action(api, id, "{\"action\":\"resize\",\"vcpus\":1,\"memoryMiB\":160}");
        assertEquals(1, shrunk.get("vcpus").asInt());
        String definition = virsh("dumpxml", id, "--inactive");
        assertTrue(definition, definition.contains("<currentMemory unit='KiB'>163840</currentMemory>"));
        assertTrue(definition, definition.contains("current='1'>2</vcpu>"));

        List<String> history = new ArrayList<>();
        api.get("/api/v1/vms/" + id + "/events").json().get("items")
                .forEach(e -> history.add(e.path("from").asText("-") + ">" + e.get("to").asText()));
        assertEquals(List.of("->creating", "creating>running", "running>paused", "paused>running", "running>running",
                "running>shutoff", "shutoff>running", "running>shutoff", "shutoff>shutoff"), history);
        // every change of the history was also posted to EventAdmin, in the same order
        await("the events to be delivered", Duration.ofSeconds(10), () -> posted.size() >= history.size());
        List<String> delivered = new ArrayList<>();
        for (Event e : posted) {
            if (id.equals(e.getProperty("vm.id"))) {
                assertEquals("web-1", e.getProperty("vm.name"));
                assertEquals("node-1", e.getProperty("node"));
                delivered.add((e.getProperty("from") == null ? "-" : e.getProperty("from")) + ">" + e.getProperty("to"));
            }
        }
        assertEquals(history, delivered);
        JsonNode first = api.get("/api/v1/vms/" + id + "/events").json().get("items").get(2);
        assertEquals("suspend requested", first.get("reason").asText());
        assertNotNull(java.time.Instant.parse(first.get("at").asText()));

        RestClient.Response list = api.get("/api/v1/vms?state=shutoff");
        assertEquals(200, list.status());
        assertEquals(1, list.json().get("items").size());

        assertEquals(204, api.delete("/api/v1/vms/web-1").status());
        assertEquals("absent", domainState(id));
        assertFalse(libvirtDomains().contains(id));
        assertEquals(404, api.get("/api/v1/vms/" + id).status());
    }

    @Test
    public void nodeAndOpenApiAreServed() throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> status(api, "/api/v1/health") == 200);
        JsonNode nodes = api.get("/api/v1/nodes").json().get("items");
        assertEquals(1, nodes.size());
        JsonNode node = nodes.get(0);
        assertEquals("node-1", node.get("id").asText());
        assertEquals("up", node.get("state").asText());
        assertEquals("kvm", node.get("hypervisor").asText());
        assertTrue(node.get("capacity").get("vcpus").asInt() >= 1);
        assertTrue(node.get("capacity").get("memoryMiB").asLong() >= 128);

        RestClient.Response openapi = api.get("/api/v1/openapi.json");
        assertEquals(200, openapi.status());
        assertTrue(openapi.json().get("openapi").asText().startsWith("3."));
        assertTrue(openapi.json().get("paths").toString().contains("/vms"));
    }

    @Test
    public void aRetriedCreateWithTheSameIdempotencyKeyMakesOneVm() throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> status(api, "/api/v1/health") == 200);
        String body = "{\"name\":\"once\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\"}";
        RestClient.Response first = api.postWithHeader("/api/v1/vms", "Idempotency-Key", "retry-42", body);
        RestClient.Response again = api.postWithHeader("/api/v1/vms", "Idempotency-Key", "retry-42", body);
        assertEquals(first.toString(), 201, first.status());
        assertEquals(again.toString(), 201, again.status());
        String id = first.json().get("id").asText();
        assertEquals(id, again.json().get("id").asText());
        assertEquals(1, api.get("/api/v1/vms").json().get("items").size());
        RestClient.Response bad = api.postWithHeader("/api/v1/vms", "Idempotency-Key", "has space", body);
        assertEquals(400, bad.status());
        assertEquals("Idempotency-Key", bad.json().get("field").asText());
        assertEquals(204, api.delete("/api/v1/vms/" + id).status());
        assertFalse(libvirtDomains().contains(id));
    }

    private void awaitMarkers(RestClient api, String id, int boots) throws InterruptedException {
        await(boots + " boot marker(s) on the console", Duration.ofSeconds(90), () -> {
            try {
                RestClient.Response console = api.get("/api/v1/vms/" + id + "/console?tail=10000");
                return console.status() == 200 && count(console.body(), GUEST_MARKER) >= boots;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static JsonNode action(RestClient api, String vm, String body) throws Exception {
        RestClient.Response r = api.post("/api/v1/vms/" + vm + "/actions", body);
        assertEquals(r.toString(), 200, r.status());
        return r.json();
    }

    static int status(RestClient api, String path) {
        try {
            return api.get(path).status();
        } catch (Exception e) {
            return -1;
        }
    }

    /** {@code virsh} on the VM's domain; its output, or the error it printed. */
    static String virsh(String command, String id, String... flags) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-c", "qemu:///system", command, id));
        argv.addAll(List.of(flags));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            return "virsh failed: " + e;
        }
    }
}
