package org.emotive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Authentication, per-user visibility, and a table of hostile requests that must change nothing. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccessAndBadInputIT extends EmotiveTestSupport {

    private static final String VALID = "\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\"";

    /** One hostile request and the answer it must get. */
    private record Bad(String body, String contentType, int status, String field) {
    }

    @Test
    public void credentialsAreRequiredAndChecked() throws Exception {
        await("the REST API", Duration.ofSeconds(60), () -> VmLifecycleRestIT.status(admin(), "/api/v1/health") == 200);
        RestClient anonymous = rest(null, null);
        assertEquals(200, anonymous.get("/api/v1/health").status());
        assertEquals("up", anonymous.get("/api/v1/health").json().get("status").asText());

        for (RestClient who : List.of(anonymous, rest("karaf", "wrong"), rest("nobody", "x"))) {
            RestClient.Response r = who.get("/api/v1/vms");
            assertEquals(r.toString(), 401, r.status());
            assertEquals("Basic realm=\"emotive\"", r.header("WWW-Authenticate"));
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"));
            assertEquals(401, r.json().get("status").asInt());
        }
        assertEquals(401, anonymous.post("/api/v1/vms", "{\"name\":\"x\"," + VALID + "}").status());
        assertEquals(List.of(), vmNames(admin()));
    }

    @Test
    public void usersSeeOnlyTheirOwnVms() throws Exception {
        RestClient alice = rest("alice", "alice");
        RestClient bob = rest("bob", "bob");
        await("the REST API", Duration.ofSeconds(60), () -> VmLifecycleRestIT.status(alice, "/api/v1/vms") == 200);
        RestClient.Response created = alice.post("/api/v1/vms", "{\"name\":\"alice-vm\"," + VALID + "}");
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();
        assertEquals("alice", created.json().get("owner").asText());
        try {
            for (String ref : List.of(id, "alice-vm")) {
                RestClient.Response unknown = bob.get("/api/v1/vms/does-not-exist");
                RestClient.Response hidden = bob.get("/api/v1/vms/" + ref);
                assertEquals(404, hidden.status());
                assertEquals(unknown.json().get("title"), hidden.json().get("title"));
                assertEquals(404, bob.post("/api/v1/vms/" + ref + "/actions", "{\"action\":\"poweroff\"}").status());
                assertEquals(404, bob.delete("/api/v1/vms/" + ref).status());
                assertEquals(404, bob.get("/api/v1/vms/" + ref + "/console").status());
            }
            assertEquals("running", domainState(id));
            assertEquals(List.of(), vmNames(bob));
            assertEquals(List.of("alice-vm"), vmNames(alice));
            assertEquals(List.of("alice-vm"), vmNames(admin()));
            assertEquals(1, admin().get("/api/v1/vms?owner=alice").json().get("items").size());
            assertEquals(0, admin().get("/api/v1/vms?owner=bob").json().get("items").size());
            assertEquals(200, admin().get("/api/v1/vms/alice-vm").status());
        } finally {
            assertEquals(204, alice.delete("/api/v1/vms/" + id).status());
        }
        assertEquals("absent", domainState(id));
    }

    @Test
    public void hostileInputIsRejectedAndChangesNothing() throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> VmLifecycleRestIT.status(api, "/api/v1/health") == 200);
        RestClient.Response keep = api.post("/api/v1/vms", "{\"name\":\"keep\"," + VALID + "}");
        assertEquals(keep.toString(), 201, keep.status());
        List<String> domainsBefore = libvirtDomains();
        List<String> vmsBefore = vmNames(api);

        List<Bad> table = new ArrayList<>();
        for (String name : List.of("web'1", "web\\\"1", "<x>", "a&b", "a/b", "..", "../etc", "has space", "Upper",
                "1starts-with-digit", "ends-", "", "wéb", "名前", "a".repeat(64), "a".repeat(300), "x\\u0000y")) {
            table.add(new Bad("{\"name\":\"" + name + "\"," + VALID + "}", null, 400, "name"));
        }
        table.add(new Bad("{" + VALID + "}", null, 400, "name"));
        table.add(new Bad("{\"name\":null," + VALID + "}", null, 400, "name"));
        table.add(new Bad("{\"name\":42," + VALID + "}", null, 400, "name"));
        table.add(new Bad("{\"name\":\"keep\"," + VALID + "}", null, 409, null));
        for (String vcpus : List.of("0", "-1", "65", "100000", "\"1\"", "1.5", "true", "null", "99999999999")) {
            table.add(new Bad("{\"name\":\"v\",\"vcpus\":" + vcpus + ",\"memoryMiB\":128,\"image\":\"busybox\"}",
                    null, 400, "vcpus"));
        }
        for (String mem : List.of("0", "15", "-128", "65537", "1099511627776", "\"128\"", "[]", "{}")) {
            table.add(new Bad("{\"name\":\"v\",\"vcpus\":1,\"memoryMiB\":" + mem + ",\"image\":\"busybox\"}",
                    null, 400, "memoryMiB"));
        }
        table.add(new Bad("{\"name\":\"v\"," + VALID + ",\"maxVcpus\":0}", null, 400, "maxVcpus"));
        table.add(new Bad("{\"name\":\"v\"," + VALID + ",\"maxMemoryMiB\":64}", null, 400, "maxMemoryMiB"));
        table.add(new Bad("{\"name\":\"v\"," + VALID + ",\"diskGiB\":-1}", null, 400, "diskGiB"));
        table.add(new Bad("{\"name\":\"v\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"no-such-image\"}", null, 400, "image"));
        table.add(new Bad("{\"name\":\"v\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"../../etc\"}", null, 400, "image"));
        table.add(new Bad("{\"name\":\"v\"," + VALID + ",\"color\":\"red\"}", null, 400, "color"));
        table.add(new Bad("{\"name\":\"v\",", null, 400, "body"));
        table.add(new Bad("not json", null, 400, "body"));
        table.add(new Bad("[1,2]", null, 400, "body"));
        table.add(new Bad("{\"name\":\"v\"," + VALID + "} {}", null, 400, "body"));
        table.add(new Bad("{\"name\":\"v\"," + VALID + "}", "text/plain", 415, null));

        for (Bad bad : table) {
            RestClient.Response r = api.post("/api/v1/vms", bad.contentType() == null ? "application/json" : bad.contentType(),
                    bad.body());
            String what = bad.body() + " -> " + r;
            assertEquals(what, bad.status(), r.status());
            assertTrue(what, r.header("Content-Type").startsWith("application/problem+json"));
            JsonNode problem = r.json();
            assertEquals(what, bad.status(), problem.get("status").asInt());
            assertNotNull(what, problem.get("title"));
            assertNotNull(what, problem.get("detail"));
            assertFalse(what, r.body().contains("Exception"));
            if (bad.field() != null) {
                assertEquals(what, bad.field(), problem.path("field").asText());
            }
        }

        byte[] huge = ("{\"name\":\"v\"," + VALID + ",\"pad\":\"" + "x".repeat(1_100_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(413, api.postBytes("/api/v1/vms", huge).status());

        assertEquals(400, api.post("/api/v1/vms/keep/actions", "{\"action\":\"explode\"}").json().get("status").asInt());
        assertEquals("action", api.post("/api/v1/vms/keep/actions", "{\"action\":\"explode\"}").json().get("field").asText());
        assertEquals("action", api.post("/api/v1/vms/keep/actions", "{}").json().get("field").asText());
        assertEquals("tail", api.get("/api/v1/vms/keep/console?tail=0").json().get("field").asText());
        assertEquals("timeoutSeconds", api.post("/api/v1/vms/keep/actions",
                "{\"action\":\"shutdown\",\"timeoutSeconds\":-5}").json().get("field").asText());
        RestClient.Response wrongState = api.post("/api/v1/vms/keep/actions", "{\"action\":\"resume\"}");
        assertEquals(409, wrongState.status());
        assertTrue(wrongState.json().get("detail").asText().contains("running"));
        assertNull(api.get("/api/v1/vms/keep").json().get("stackTrace"));

        assertEquals(domainsBefore, libvirtDomains());
        assertEquals(vmsBefore, vmNames(api));
        assertEquals("running", api.get("/api/v1/vms/keep").json().get("state").asText());
        assertEquals(204, api.delete("/api/v1/vms/keep").status());
    }

    private static List<String> vmNames(RestClient client) throws Exception {
        List<String> names = new ArrayList<>();
        RestClient.Response r = client.get("/api/v1/vms");
        assertEquals(r.toString(), 200, r.status());
        r.json().get("items").forEach(vm -> names.add(vm.get("name").asText()));
        return names;
    }
}
