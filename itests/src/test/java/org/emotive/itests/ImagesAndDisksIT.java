package org.emotive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Images as a storage service: a disk imported from a file of the node and one uploaded over
 * REST, VMs on qcow2 overlays that copy nothing, and images that cannot go while used. Works
 * on its own images folder (the test guest copied in), so nothing leaks into the shared one.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ImagesAndDisksIT extends EmotiveTestSupport {

    private static final long MIB = 1L << 20;

    @Override
    protected Path imagesDir(Path storage) {
        Path images = storage.resolve("images");
        try {
            Path busybox = Files.createDirectories(images.resolve("busybox"));
            for (String f : List.of("vmlinuz", "initrd.img", "image.json")) {
                Files.copy(sharedImages().resolve("busybox").resolve(f), busybox.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test's images folder", e);
        }
        return images;
    }

    @Test
    public void anImportedDiskBootsOnAnOverlayAndStaysWhileUsed() throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> VmLifecycleRestIT.status(api, "/api/v1/health") == 200);
        Path guest = nodeFolder("imagesDir").resolve("busybox");
        Path disk = markedDisk(storageDir().resolve("import-src"), "hello-from-image", "64M");
        String body = "{\"name\":\"marked\",\"source\":{\"file\":\"" + disk + "\"},\"kernel\":\"" + guest.resolve("vmlinuz")
                + "\",\"initrd\":\"" + guest.resolve("initrd.img") + "\",\"cmdline\":\"console=ttyS0 panic=-1\"}";

        RestClient.Response forbidden = rest("alice", "alice").post("/api/v1/images", body);
        assertEquals(forbidden.toString(), 403, forbidden.status());
        assertEquals(404, api.get("/api/v1/images/marked").status());

        RestClient.Response accepted = api.post("/api/v1/images", body);
        assertEquals(accepted.toString(), 202, accepted.status());
        assertEquals("/api/v1/images/marked", java.net.URI.create(accepted.header("Location")).getPath());
        assertEquals("pending", accepted.json().get("state").asText());
        JsonNode image = awaitImage(api, "marked");
        assertEquals(image.toString(), "ready", image.get("state").asText());
        assertEquals("disk", image.get("kind").asText());
        assertEquals("qcow2", image.get("format").asText());
        assertEquals(64 * MIB, image.get("virtualSizeBytes").asLong());
        assertEquals(100, image.get("progress").asInt());
        assertTrue(image.get("directKernelBoot").asBoolean());
        assertTrue(api.get("/api/v1/images/marked/log").body().contains("100"));

        RestClient.Response created = api.post("/api/v1/vms",
                "{\"name\":\"on-image\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"marked\",\"diskGiB\":2}");
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();
        await("the guest to read its disk", Duration.ofSeconds(90),
                () -> console(api, id).contains("EMOTIVE-DISK: hello-from-image"));

        Path overlay = storageDir().resolve("instances").resolve(id).resolve("disk.qcow2");
        JsonNode info = qemuImgInfo(overlay);
        assertEquals("qcow2", info.get("format").asText());
        assertEquals(2L << 30, info.get("virtual-size").asLong());
        assertEquals(nodeFolder("imagesDir").resolve("marked/disk.qcow2").toString(),
                info.get("backing-filename").asText());
        assertTrue("the overlay copies nothing: " + info, info.get("actual-size").asLong() < 4 * MIB);

        JsonNode used = api.get("/api/v1/images/marked").json();
        assertEquals(1, used.get("userCount").asInt());
        assertEquals(id, used.get("users").get(0).asText());
        JsonNode markedInList = null;
        for (JsonNode item : api.get("/api/v1/images").json().get("items")) {
            markedInList = "marked".equals(item.get("name").asText()) ? item : markedInList;
        }
        assertEquals("the listing counts users as the image's own page does", used.get("users"),
                markedInList.get("users"));
        RestClient.Response inUse = api.delete("/api/v1/images/marked");
        assertEquals(inUse.toString(), 409, inUse.status());
        assertTrue(inUse.json().get("detail").asText().contains("used by 1 VM"));
        String busy = shell("emotive:image-delete marked");
        assertTrue(busy, busy.contains("used by 1 VM"));
        String listed = shell("emotive:image-list");
        assertTrue(listed, listed.contains("marked") && listed.contains("busybox") && listed.contains("ready"));
        String detail = shell("emotive:image-info marked");
        assertTrue(detail, detail.contains("qcow2") && detail.contains(id));

        assertEquals(204, api.delete("/api/v1/vms/" + id).status());
        assertFalse("the overlay goes with the VM", Files.exists(overlay.getParent()));
        assertEquals(204, api.delete("/api/v1/images/marked").status());
        assertFalse(Files.exists(nodeFolder("imagesDir").resolve("marked")));
    }

    @Test
    public void aKernelImageVmGetsABlankDiskWhenAskedAndLosesIt() throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> VmLifecycleRestIT.status(api, "/api/v1/health") == 200);
        RestClient.Response created = api.post("/api/v1/vms",
                "{\"name\":\"blank-disk\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\",\"diskGiB\":1}");
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();
        await("the guest to see a blank disk", Duration.ofSeconds(90),
                () -> console(api, id).contains("EMOTIVE-DISK: blank"));
        assertEquals(List.of(id), users(api, "busybox"));
        assertEquals(204, api.delete("/api/v1/vms/" + id).status());
        assertFalse(Files.exists(storageDir().resolve("instances").resolve(id)));
        assertTrue(users(api, "busybox").isEmpty());

        // a disk of no size is refused, and nothing is left behind
        List<String> domains = libvirtDomains();
        RestClient.Response tooSmall = api.post("/api/v1/vms",
                "{\"name\":\"too-small\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\",\"diskGiB\":0}");
        assertEquals(tooSmall.toString(), 400, tooSmall.status());
        assertEquals("diskGiB", tooSmall.json().get("field").asText());
        assertEquals(domains, libvirtDomains());
        assertEquals(404, api.get("/api/v1/vms/too-small").status());
    }

    @Test
    public void uploadsBelongToTheirOwnerAndBadOnesLeaveNothing() throws Exception {
        RestClient alice = rest("alice", "alice");
        RestClient bob = rest("bob", "bob");
        await("the REST API", Duration.ofSeconds(60), () -> VmLifecycleRestIT.status(alice, "/api/v1/images") == 200);
        byte[] raw = Files.readAllBytes(markedDisk(storageDir().resolve("upload-src"), "uploaded", "8M"));

        RestClient.Response up = alice.put("/api/v1/images/alice-disk/content", "application/octet-stream", raw);
        assertEquals(up.toString(), 201, up.status());
        assertEquals("alice", up.json().get("owner").asText());
        assertEquals("ready", up.json().get("state").asText());
        assertEquals("qcow2", up.json().get("format").asText());
        // refused before the body is read: a small body, so the early answer cannot race the upload
        byte[] small = new byte[4096];
        assertEquals(409, alice.put("/api/v1/images/alice-disk/content", "application/octet-stream", small).status());

        RestClient.Response notHers = bob.delete("/api/v1/images/alice-disk");
        assertEquals(notHers.toString(), 403, notHers.status());
        assertEquals(200, bob.get("/api/v1/images/alice-disk").status());

        Path images = nodeFolder("imagesDir");
        List<String> before = folderNames(images);
        RestClient.Response json = alice.put("/api/v1/images/as-json/content", "application/json", small);
        assertEquals(json.toString(), 415, json.status());
        RestClient.Response empty = alice.put("/api/v1/images/empty/content", "application/octet-stream", new byte[0]);
        assertEquals(empty.toString(), 400, empty.status());
        assertEquals("content", empty.json().get("field").asText());
        for (String hostile : List.of("..", "a%2Fb", "UPPER", "a%20b", "%C3%A9", "x".repeat(64))) {
            RestClient.Response bad = alice.put("/api/v1/images/" + hostile + "/content", "application/octet-stream", small);
            assertTrue(hostile + ": " + bad, bad.status() == 400 || bad.status() == 404);
        }
        for (String body : List.of("{\"name\":\"x\"}", "{\"name\":\"x\",\"source\":{}}",
                "{\"name\":\"x\",\"source\":{\"file\":\"/a\",\"debootstrap\":{}}}")) {
            RestClient.Response bad = admin().post("/api/v1/images", body);
            assertEquals(body + " " + bad, 400, bad.status());
            assertEquals("source", bad.json().get("field").asText());
        }
        RestClient.Response relative = admin().post("/api/v1/images", "{\"name\":\"rel\",\"source\":{\"file\":\"x.qcow2\"}}");
        assertEquals("source.file", relative.json().get("field").asText());
        RestClient.Response badName = admin().post("/api/v1/images", "{\"name\":\"../x\",\"source\":{\"file\":\"/etc/hostname\"}}");
        assertEquals("name", badName.json().get("field").asText());
        RestClient.Response notDisk = admin().post("/api/v1/images", "{\"name\":\"passwd\",\"source\":{\"file\":\"/etc/passwd\"}}");
        assertEquals(notDisk.toString(), 202, notDisk.status()); // any file reads as a raw disk; admins only
        assertEquals(before.size() + 1, folderNames(images).size());
        RestClient.Response stillPending = admin().delete("/api/v1/images/passwd");
        assertTrue(stillPending.toString(), stillPending.status() == 409 || stillPending.status() == 204);
        if (stillPending.status() == 409) {
            assertEquals("ready", awaitImage(admin(), "passwd").get("state").asText());
            assertEquals(204, admin().delete("/api/v1/images/passwd").status());
        }
        assertEquals(before, folderNames(images));

        assertEquals(204, alice.delete("/api/v1/images/alice-disk").status());
        assertEquals(404, alice.get("/api/v1/images/alice-disk").status());
    }

    /** A Debian image built with debootstrap, as a user asks for it, boots to a login prompt. */
    @Test
    public void aDebootstrapBuiltImageBootsToALoginPrompt() throws Exception {
        RestClient alice = rest("alice", "alice");
        await("the REST API", Duration.ofSeconds(60), () -> VmLifecycleRestIT.status(alice, "/api/v1/images") == 200);
        List<String> before = folderNames(nodeFolder("imagesDir"));
        for (String[] bad : List.of(new String[] {"{\"packages\":[\"less;rm -rf /\"]}", "packages"},
                new String[] {"{\"mirror\":\"ftp://deb.debian.org/debian\"}", "mirror"},
                new String[] {"{\"suite\":\"../x\"}", "suite"}, new String[] {"{\"diskGiB\":0}", "diskGiB"},
                new String[] {"{\"arch\":\"sparc\"}", "arch"})) {
            RestClient.Response refused = alice.post("/api/v1/images",
                    "{\"name\":\"bad-build\",\"source\":{\"debootstrap\":" + bad[0] + "}}");
            assertEquals(refused.toString(), 400, refused.status());
            assertEquals("source.debootstrap." + bad[1], refused.json().get("field").asText());
        }
        assertEquals(before, folderNames(nodeFolder("imagesDir")));

        RestClient.Response accepted = alice.post("/api/v1/images",
                "{\"name\":\"debian-12\",\"source\":{\"debootstrap\":{\"suite\":\"bookworm\",\"packages\":[\"less\"]}}}");
        assertEquals(accepted.toString(), 202, accepted.status());
        assertEquals("debootstrap", accepted.json().get("phase").asText());
        List<String> phases = new ArrayList<>();
        int[] lastProgress = {0};
        await("the image build", Duration.ofMinutes(12), () -> {
            try {
                JsonNode image = alice.get("/api/v1/images/debian-12").json();
                int progress = image.get("progress").asInt();
                assertTrue("progress never goes back: " + lastProgress[0] + " then " + progress,
                        progress >= lastProgress[0] || !"pending".equals(image.get("state").asText()));
                lastProgress[0] = progress;
                String phase = image.path("phase").asText();
                if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
                    phases.add(phase);
                }
                return !"pending".equals(image.get("state").asText());
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        JsonNode image = alice.get("/api/v1/images/debian-12").json();
        assertEquals(image.toString(), "ready", image.get("state").asText());
        assertTrue(phases.toString(), phases.contains("debootstrap") && phases.indexOf("debootstrap") < phases.size() - 1);
        assertEquals("qcow2", image.get("format").asText());
        assertEquals(2L << 30, image.get("virtualSizeBytes").asLong());
        assertTrue(image.get("directKernelBoot").asBoolean());
        assertTrue(alice.get("/api/v1/images/debian-12/log").body().contains("debootstrap"));

        RestClient.Response created = alice.post("/api/v1/vms",
                "{\"name\":\"deb-1\",\"vcpus\":1,\"memoryMiB\":512,\"image\":\"debian-12\",\"homeGiB\":1}");
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();
        JsonNode overlay = qemuImgInfo(storageDir().resolve("instances").resolve(id).resolve("disk.qcow2"));
        assertTrue("a fresh overlay is small: " + overlay, overlay.get("actual-size").asLong() < 4 * MIB);
        await("the login prompt", Duration.ofMinutes(4), () -> console(alice, id).contains("login:"));
        String boot = console(alice, id);
        assertFalse(boot, boot.contains("Kernel panic") || boot.contains("emergency mode"));
        // systemd's status line, its colours taken out: the fstab entry found the home disk by its label
        assertTrue(boot, boot.replaceAll("\u001B\\[[0-9;]*m", "").contains("Mounted home.mount - /home."));

        RestClient.Response inUse = alice.delete("/api/v1/images/debian-12");
        assertEquals(inUse.toString(), 409, inUse.status());
        assertEquals(204, alice.delete("/api/v1/vms/" + id).status());

        // the image runs tasks too: its systemd unit finds the task disks, runs the command, powers off
        byte[] input = "bookworm task input\n".getBytes(StandardCharsets.UTF_8);
        RestClient.Response submitted = alice.postMultipart("/api/v1/tasks", List.of(
                new RestClient.Part("spec", null, "application/json", ("{\"command\":\"sha256sum /in/data.txt > sum;"
                        + " grep -c . /etc/debian_version; echo oops >&2; exit 4\",\"image\":\"debian-12\","
                        + "\"memoryMiB\":512,\"timeoutSeconds\":300}").getBytes(StandardCharsets.UTF_8)),
                new RestClient.Part("files", "data.txt", "text/plain", input)));
        assertEquals(submitted.toString(), 202, submitted.status());
        String task = submitted.json().get("id").asText();
        await("the task in the Debian image", Duration.ofMinutes(6), () -> {
            try {
                return List.of("done", "failed", "cancelled")
                        .contains(alice.get("/api/v1/tasks/" + task).json().get("state").asText());
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        JsonNode ended = alice.get("/api/v1/tasks/" + task).json();
        assertEquals(ended.toString(), "failed", ended.get("state").asText());
        assertEquals(ended.toString(), 4, ended.get("exitCode").asInt());
        assertEquals("1\n", alice.get("/api/v1/tasks/" + task + "/stdout").body());
        assertEquals("oops\n", alice.get("/api/v1/tasks/" + task + "/stderr").body());
        assertEquals(sha256Hex(input) + "  /in/data.txt\n",
                new String(alice.getBytes("/api/v1/tasks/" + task + "/outputs/sum"), StandardCharsets.UTF_8));
        assertEquals(204, alice.delete("/api/v1/tasks/" + task).status());
        assertEquals(204, alice.delete("/api/v1/images/debian-12").status());
        assertEquals(before, folderNames(nodeFolder("imagesDir")));
        assertFalse("no scratch left", Files.exists(storageDir().resolve("tmp/image-builds"))
                && folderNames(storageDir().resolve("tmp/image-builds")).size() > 0);
    }

    private static String sha256Hex(byte[] data) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static List<String> folderNames(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> users(RestClient api, String image) throws Exception {
        List<String> users = new ArrayList<>();
        api.get("/api/v1/images/" + image).json().get("users").forEach(u -> users.add(u.asText()));
        return users;
    }

    private static JsonNode awaitImage(RestClient api, String name) throws Exception {
        JsonNode[] last = new JsonNode[1];
        await("image " + name + " to leave pending", Duration.ofSeconds(120), () -> {
            try {
                last[0] = api.get("/api/v1/images/" + name).json();
                return !"pending".equals(last[0].get("state").asText());
            } catch (Exception e) {
                return false;
            }
        });
        return last[0];
    }

    private static String console(RestClient api, String id) {
        try {
            return api.get("/api/v1/vms/" + id + "/console?tail=500").body();
        } catch (Exception e) {
            return "";
        }
    }

    /** An ext4 disk of {@code size}, made without mounting, holding {@code /emotive-marker}. */
    private static Path markedDisk(Path dir, String marker, String size) throws Exception {
        Path content = Files.createDirectories(dir.resolve("content"));
        Files.writeString(content.resolve("emotive-marker"), marker + "\n");
        Path disk = dir.resolve("disk.raw");
        runChecked("mke2fs", "-q", "-F", "-t", "ext4", "-d", content.toString(), disk.toString(), size);
        return disk;
    }

    private String shell(String command) {
        try {
            return executeCommand(command, new UserPrincipal("karaf"), new RolePrincipal("admin"));
        } catch (RuntimeException e) {
            return "ERROR: " + e.getMessage();
        }
    }
}
