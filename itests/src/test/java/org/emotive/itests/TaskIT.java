package org.emotive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Tasks in real guests: inputs staged on a disk at boot, outputs read back from another, VM removed. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TaskIT extends EmotiveTestSupport {

    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(150);
    /** The node's maxTaskInputMiB here: a few MiB exceed it, the other tests' inputs stay well under it. */
    private static final int MAX_INPUT_MIB = 1;
    /** What the REST layer allows above the inputs (spec and part headers) before it refuses a body unread. */
    private static final int ALLOWANCE_MIB = 2;

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/org.emotive.node.cfg", "maxTaskInputMiB", String.valueOf(MAX_INPUT_MIB)));
    }

    @Test
    public void aChecksumComesBackFromTheGuest() throws Exception {
        RestClient alice = ready(rest("alice", "alice"));
        byte[] data = new byte[300_000];
        new Random(42).nextBytes(data);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        List<RestClient.Part> parts = List.of(spec("{\"command\":\"sha256sum /in/data.bin > /out/sum.txt;"
                        + " mkdir -p /out/sub; echo deep > /out/sub/x.txt; echo finished\",\"image\":\"busybox\","
                        + "\"vcpus\":1,\"memoryMiB\":128,\"timeoutSeconds\":120}"),
                new RestClient.Part("files", "data.bin", "application/octet-stream", data));
        RestClient.Response submitted = alice.postMultipart("/api/v1/tasks", parts, "Idempotency-Key", "sum-1");
        assertEquals(submitted.toString(), 202, submitted.status());
        String id = submitted.json().get("id").asText();
        assertEquals("/api/v1/tasks/" + id, java.net.URI.create(submitted.header("Location")).getPath());
        RestClient.Response again = alice.postMultipart("/api/v1/tasks", parts, "Idempotency-Key", "sum-1");
        assertEquals("the same key gives the same task", id, again.json().get("id").asText());

        JsonNode done = awaitEnd(alice, id);
        assertEquals(done.toString(), "done", done.get("state").asText());
        assertEquals(0, done.get("exitCode").asInt());
        assertTrue(done.hasNonNull("startedAt") && done.hasNonNull("endedAt"));
        assertEquals("task-" + id, done.get("vm").asText());
        assertEquals("node-1", done.get("node").asText());
        assertEquals(expected + "  /in/data.bin\n",
                new String(alice.getBytes("/api/v1/tasks/" + id + "/outputs/sum.txt"), StandardCharsets.UTF_8));
        assertEquals("deep\n", new String(alice.getBytes("/api/v1/tasks/" + id + "/outputs/sub/x.txt"),
                StandardCharsets.UTF_8));
        assertEquals("finished\n", alice.get("/api/v1/tasks/" + id + "/stdout").body());
        JsonNode outputs = alice.get("/api/v1/tasks/" + id + "/outputs").json().get("items");
        assertEquals(outputs.toString(), 2, outputs.size());
        assertEquals("sub/x.txt", outputs.get(0).get("path").asText());
        assertEquals("sum.txt", outputs.get(1).get("path").asText());
        assertEquals(404, alice.get("/api/v1/tasks/" + id + "/outputs/nothing").status());
        assertEquals(400, alice.get("/api/v1/tasks/" + id + "/outputs/..%2F..%2Fetc").status());
        assertNoVmLeft(id);
        Path files = storageDir().resolve("tasks").resolve(id);
        assertEquals("only the results stay", List.of("results"), listing(files));

        // someone else's task does not exist for bob; the admin sees it
        RestClient bob = rest("bob", "bob");
        assertEquals(404, bob.get("/api/v1/tasks/" + id).status());
        assertEquals(404, bob.get("/api/v1/tasks/" + id + "/outputs/sum.txt").status());
        assertEquals(404, bob.delete("/api/v1/tasks/" + id).status());
        assertEquals(0, bob.get("/api/v1/tasks").json().get("items").size());
        assertEquals(200, admin().get("/api/v1/tasks/" + id).status());

        assertEquals(204, alice.delete("/api/v1/tasks/" + id).status());
        assertEquals(404, alice.get("/api/v1/tasks/" + id).status());
        assertFalse(Files.exists(files));
    }

    @Test
    public void aFailingCommandReportsItsExitCodeAndStderr() throws Exception {
        RestClient alice = ready(rest("alice", "alice"));
        String id = submit(alice, "{\"command\":\"echo oops >&2; exit 3\",\"image\":\"busybox\",\"timeoutSeconds\":120}");
        JsonNode failed = awaitEnd(alice, id);
        assertEquals(failed.toString(), "failed", failed.get("state").asText());
        assertEquals(3, failed.get("exitCode").asInt());
        assertTrue(failed.get("reason").asText(), failed.get("reason").asText().contains("3"));
        assertEquals("oops\n", alice.get("/api/v1/tasks/" + id + "/stderr").body());
        assertNoVmLeft(id);
    }

    @Test
    public void aTaskOverItsTimeIsKilled() throws Exception {
        RestClient alice = ready(rest("alice", "alice"));
        String id = submit(alice, "{\"command\":\"sleep 600\",\"image\":\"busybox\",\"timeoutSeconds\":20}");
        JsonNode failed = awaitEnd(alice, id);
        assertEquals(failed.toString(), "failed", failed.get("state").asText());
        assertTrue(failed.get("reason").asText(), failed.get("reason").asText().contains("timed out"));
        assertNull(failed.get("exitCode").isNull() ? null : failed.get("exitCode"));
        assertNoVmLeft(id);
        assertFalse("a failed task keeps no files", Files.exists(storageDir().resolve("tasks").resolve(id)));
    }

    @Test
    public void aCancelledTaskLeavesNothing() throws Exception {
        RestClient alice = ready(rest("alice", "alice"));
        String id = submit(alice, "{\"command\":\"sleep 600\",\"image\":\"busybox\",\"timeoutSeconds\":300}");
        await("the task to run", TASK_TIMEOUT, () -> state(alice, id).equals("running"));
        RestClient.Response cancelled = alice.delete("/api/v1/tasks/" + id);
        assertEquals(cancelled.toString(), 200, cancelled.status());
        assertEquals("cancelled", cancelled.json().get("state").asText());
        assertNoVmLeft(id);
        assertFalse(Files.exists(storageDir().resolve("tasks").resolve(id)));
    }

    /**
     * The node stops under a running task, and comes back to a record a crash left "running": both
     * tasks end failed, with no VM left.
     */
    @Test
    public void tasksTheNodeLeftUnfinishedFailWhenItComesBack() throws Exception {
        RestClient alice = ready(rest("alice", "alice"));
        String id = submit(alice, "{\"command\":\"sleep 600\",\"image\":\"busybox\",\"timeoutSeconds\":300}");
        await("the task to run", TASK_TIMEOUT, () -> state(alice, id).equals("running"));
        org.osgi.framework.Bundle node = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.emotive.node".equals(b.getSymbolicName())).findFirst().orElseThrow();
        node.stop();
        String crashed = java.util.UUID.randomUUID().toString();
        Path tasks = storageDir().resolve("tasks");
        Files.createDirectories(tasks.resolve(crashed).resolve("stage").resolve("files"));
        Files.writeString(tasks.resolve(crashed + ".json"), "{\"id\":\"" + crashed + "\",\"owner\":\"alice\","
                + "\"state\":\"RUNNING\",\"vm\":\"task-" + crashed + "\",\"node\":\"node-1\",\"spec\":{\"command\":"
                + "\"true\",\"image\":\"busybox\",\"vcpus\":1,\"memoryMiB\":128,\"timeoutSeconds\":60},"
                + "\"submittedAt\":\"2026-11-28T00:00:00Z\",\"startedAt\":\"2026-11-28T00:00:01Z\"}");
        node.start();
        ready(alice);
        JsonNode stopped = awaitEnd(alice, id);
        assertEquals(stopped.toString(), "failed", stopped.get("state").asText());
        assertTrue(stopped.get("reason").asText(), stopped.get("reason").asText().contains("node stopped"));
        assertNoVmLeft(id);
        JsonNode left = alice.get("/api/v1/tasks/" + crashed).json();
        assertEquals(left.toString(), "failed", left.get("state").asText());
        assertEquals("the node stopped while the task was running", left.get("reason").asText());
        assertFalse(Files.exists(tasks.resolve(crashed)));
    }

    /** The same through the shell: submit with an input file of the node, follow it, print an output. */
    @Test
    public void theShellRunsATask() throws Exception {
        RestClient karaf = ready(admin());
        Path input = Files.createTempFile("task-input", ".txt");
        Files.writeString(input, "one\ntwo\nthree\n");
        String submitted = shell("emotive:task-submit --image busybox --timeout 120 --input " + input
                + " \"wc -l < /in/" + input.getFileName() + " > /out/lines; echo via-shell\"");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "Id[^0-9a-f]*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})").matcher(submitted);
        assertTrue(submitted, m.find());
        String id = m.group(1);
        assertEquals("done", awaitEnd(karaf, id).get("state").asText());
        assertTrue(shell("emotive:task-list").contains(id));
        assertTrue(shell("emotive:task-info " + id).contains("/out/lines (2 bytes)"));
        assertEquals("3\n", shell("emotive:task-output " + id + " lines"));
        assertEquals("via-shell\n", shell("emotive:task-output " + id));
        assertTrue(shell("emotive:task-cancel " + id).startsWith("ERROR"));
        assertTrue(shell("emotive:task-cancel --delete " + id).contains("removed"));
        assertTrue(shell("emotive:task-info not-an-id").startsWith("ERROR"));
        Files.delete(input);
    }

    private String shell(String command) {
        try {
            return executeCommand(command, new org.apache.karaf.jaas.boot.principal.UserPrincipal("karaf"),
                    new org.apache.karaf.jaas.boot.principal.RolePrincipal("admin"));
        } catch (RuntimeException e) {
            return "ERROR: " + e.getMessage();
        }
    }

    @Test
    public void badSubmissionsNameTheFieldAndLeaveNothing() throws Exception {
        RestClient alice = ready(rest("alice", "alice"));
        List<String> domainsBefore = taskDomains();
        int tasksBefore = admin().get("/api/v1/tasks").json().get("items").size();
        List<String> filesBefore = listing(storageDir().resolve("tasks"));
        String good = "{\"command\":\"true\",\"image\":\"busybox\",\"timeoutSeconds\":60}";
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        for (String hostile : List.of("../escape", "a/b", "..", ".", "tab\there", "")) {
            RestClient.Response r = alice.postMultipart("/api/v1/tasks",
                    List.of(spec(good), new RestClient.Part("files", hostile, "application/octet-stream", data)));
            assertProblem(r, 400, "inputs");
        }
        assertProblem(alice.postMultipart("/api/v1/tasks", List.of(
                new RestClient.Part("files", "a.txt", "text/plain", data))), 400, "spec");
        assertProblem(alice.postMultipart("/api/v1/tasks", List.of(spec("{\"command\":\"true\",\"image\":\"no-such\"}"))),
                400, "image");
        assertProblem(alice.postMultipart("/api/v1/tasks", List.of(spec(
                "{\"command\":\"true\",\"image\":\"busybox\",\"timeoutSeconds\":0}"))), 400, "timeoutSeconds");
        assertProblem(alice.postMultipart("/api/v1/tasks", List.of(spec("{\"image\":\"busybox\"}"))), 400, "command");
        assertProblem(alice.postMultipart("/api/v1/tasks", List.of(spec(
                "{\"command\":\"true\",\"image\":\"busybox\",\"memoryMiB\":1}"))), 400, "memoryMiB");
        assertProblem(alice.postMultipart("/api/v1/tasks", List.of(spec("{\"command\":\"true\",\"image\":\"busybox\","
                + "\"colour\":\"red\"}"))), 400, "colour");
        assertProblem(alice.postMultipart("/api/v1/tasks", List.of(spec(good),
                new RestClient.Part("files", "same", "text/plain", data),
                new RestClient.Part("files", "same", "text/plain", data))), 400, "inputs");
        RestClient.Response json = alice.post("/api/v1/tasks", good);
        assertEquals(json.toString(), 415, json.status());
        assertEquals(404, alice.get("/api/v1/tasks/not-a-uuid").status());
        assertEquals(404, alice.get("/api/v1/tasks/" + java.util.UUID.randomUUID()).status());

        assertEquals(domainsBefore, taskDomains());
        assertEquals(tasksBefore, admin().get("/api/v1/tasks").json().get("items").size());
        assertEquals(filesBefore, listing(storageDir().resolve("tasks")));
    }

    /**
     * Inputs over the node's limit answer 413 naming {@code inputs}, whether the body says its length
     * or comes chunked, and before the body has come when it is larger than the limit and the
     * allowance; no task, task folder or temporary part file is left.
     */
    @Test
    public void inputsOverTheNodesLimitAre413AndLeaveNothing() throws Exception {
        RestClient alice = ready(rest("alice", "alice"));
        int tasksBefore = admin().get("/api/v1/tasks").json().get("items").size();
        List<String> filesBefore = listing(storageDir().resolve("tasks"));
        List<String> partFilesBefore = partFiles();
        String good = "{\"command\":\"true\",\"image\":\"busybox\",\"timeoutSeconds\":60}";
        List<RestClient.Part> tooLarge = List.of(spec(good), new RestClient.Part("files", "big.bin",
                "application/octet-stream", new byte[(MAX_INPUT_MIB + ALLOWANCE_MIB + 1) << 20]));

        // a client sending the whole body, with its length or chunked: refused by the REST layer
        assertTooLarge(alice.postMultipart("/api/v1/tasks", tooLarge), true);
        assertTooLarge(alice.postMultipartChunked("/api/v1/tasks", tooLarge), true);
        // inputs just over the limit are within the allowance: the node refuses them, with the same answer
        assertTooLarge(alice.postMultipart("/api/v1/tasks", List.of(spec(good), new RestClient.Part("files",
                "over.bin", "application/octet-stream", new byte[(MAX_INPUT_MIB << 20) + 1]))), false);

        // the answer does not wait for the body: a head announcing too much and no body at all ...
        String boundary = "emotive-413";
        String head = "POST /api/v1/tasks HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\n";
        int port = Integer.parseInt(getHttpPort());
        assertTooLarge(RawHttp.send(port, head + "Content-Length: " + (64 << 20) + "\r\n", new byte[0],
                Duration.ofSeconds(30)));
        // ... and a chunked body that never ends, a little past the limit and the allowance
        byte[] justPast = RestClient.multipart(boundary, List.of(spec(good), new RestClient.Part("files", "big.bin",
                "application/octet-stream", new byte[((MAX_INPUT_MIB + ALLOWANCE_MIB) << 20) + (64 << 10)])));
        assertTooLarge(RawHttp.send(port, head + "Transfer-Encoding: chunked\r\n", RawHttp.chunk(justPast),
                Duration.ofSeconds(30)));

        assertEquals(tasksBefore, admin().get("/api/v1/tasks").json().get("items").size());
        assertEquals(filesBefore, listing(storageDir().resolve("tasks")));
        List<String> partFilesLeft = partFiles();
        partFilesLeft.removeAll(partFilesBefore);
        assertEquals("Jersey's temporary part files are removed", List.of(), partFilesLeft);
    }

    /** {@code beforeTheNode}: refused by the REST layer for the body's size, not by the node for the inputs'. */
    private static void assertTooLarge(RestClient.Response r, boolean beforeTheNode) {
        assertProblem(r, 413, "inputs");
        String detail = r.json().get("detail").asText();
        assertTrue(detail, detail.contains(MAX_INPUT_MIB + " MiB together (maxTaskInputMiB)"));
        assertEquals(detail, beforeTheNode, detail.contains(ALLOWANCE_MIB + " MiB allowed for the spec"));
    }

    private static void assertTooLarge(RawHttp.Answer a) throws Exception {
        assertEquals(a.toString(), 413, a.status());
        assertTrue(a.toString(), a.headers().get("content-type").startsWith("application/problem+json"));
        JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(a.body());
        assertEquals(a.toString(), "inputs", problem.get("field").asText());
    }

    /** Jersey's temporary files of multipart bodies (mimepull's {@code MIME*}) in the container's temporary folder. */
    private static List<String> partFiles() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("MIME"))
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
    }

    private static void assertProblem(RestClient.Response r, int status, String field) {
        assertEquals(r.toString(), status, r.status());
        assertTrue(r.toString(), r.header("Content-Type").startsWith("application/problem+json"));
        assertEquals(r.toString(), field, r.json().get("field").asText());
    }

    private static RestClient.Part spec(String json) {
        return new RestClient.Part("spec", null, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String submit(RestClient api, String spec) throws Exception {
        RestClient.Response r = api.postMultipart("/api/v1/tasks", List.of(spec(spec)));
        assertEquals(r.toString(), 202, r.status());
        assertEquals("queued", r.json().get("state").asText());
        return r.json().get("id").asText();
    }

    private static String state(RestClient api, String id) {
        try {
            return api.get("/api/v1/tasks/" + id).json().get("state").asText();
        } catch (Exception e) {
            return "unreadable";
        }
    }

    private static JsonNode awaitEnd(RestClient api, String id) throws Exception {
        await("task " + id + " to end", TASK_TIMEOUT,
                () -> List.of("done", "failed", "cancelled").contains(state(api, id)));
        return api.get("/api/v1/tasks/" + id).json();
    }

    private RestClient ready(RestClient api) throws InterruptedException {
        await("the task API", Duration.ofSeconds(60), () -> VmLifecycleRestIT.status(api, "/api/v1/tasks") == 200);
        return api;
    }

    /** Task domains only: other tests on this host may create and remove VMs meanwhile. */
    private static List<String> taskDomains() throws Exception {
        Process p = new ProcessBuilder("virsh", "-c", "qemu:///system", "list", "--all", "--name").start();
        String names = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return names.lines().filter(n -> n.startsWith("emotive-task-")).sorted().toList();
    }

    /** No domain, no VM record and no disk of the task's VM. */
    private void assertNoVmLeft(String id) throws Exception {
        List<String> domains = taskDomains();
        assertFalse(domains.toString(), domains.contains("emotive-task-" + id));
        assertEquals(404, admin().get("/api/v1/vms/task-" + id).status());
        Path files = storageDir().resolve("tasks").resolve(id);
        assertFalse(Files.exists(files.resolve("in.img")));
        assertFalse(Files.exists(files.resolve("out.img")));
    }

    private static List<String> listing(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
