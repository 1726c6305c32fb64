package org.emotive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The emotive:* commands drive a real guest; then the KVM driver is uninstalled and
 * reinstalled under a running VM without a container restart and without losing its record.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellAndDriverSwapIT extends EmotiveTestSupport {

    @Test
    public void shellDrivesAGuestAndSurvivesADriverSwap() throws Exception {
        String badHome = shell("emotive:vm-create --image busybox --home -1 shell-1");
        assertTrue(badHome, badHome.contains("homeGiB"));
        String created = shell("emotive:vm-create --image busybox --vcpus 1 --memory 128 --disk 1 --home 1 shell-1");
        assertTrue(created, created.contains("shell-1"));
        String id = idOf("shell-1");
        assertEquals("running", domainState(id));
        await("the boot marker", Duration.ofSeconds(90),
                () -> shell("emotive:vm-console --lines 500 shell-1").contains(GUEST_MARKER));
        String boot = shell("emotive:vm-console --lines 500 shell-1");
        assertTrue("the home disk is on /home: " + boot, boot.matches("(?s).*EMOTIVE-HOME: /dev/vdb .*/home.*"));

        assertTrue(complete("vm-info", "sh").contains("shell-1"));
        assertTrue(complete("vm-suspend", "").contains("shell-1"));
        assertTrue(complete("vm-create", "--image", "bu").contains("busybox"));

        String table = shell("emotive:vm-list");
        assertTrue(table, table.contains("shell-1") && table.contains("running") && table.contains("busybox"));
        String info = shell("emotive:vm-info shell-1");
        assertTrue(info, info.contains(id) && info.contains("1 GiB (/home)"));
        assertTrue(shell("emotive:node-info").contains("kvm"));

        shell("emotive:vm-suspend shell-1");
        assertEquals("paused", domainState(id));
        String refused = shell("emotive:vm-suspend shell-1");
        assertTrue(refused, refused.contains("paused"));
        shell("emotive:vm-resume shell-1");
        assertEquals("running", domainState(id));
        shell("emotive:vm-reboot shell-1");
        await("the second boot marker", Duration.ofSeconds(90),
                () -> count(shell("emotive:vm-console --lines 2000 shell-1"), GUEST_MARKER) >= 2);

        String tooBig = shell("emotive:vm-resize --vcpus 2 shell-1");
        assertTrue(tooBig, tooBig.contains("maxVcpus 1"));
        String resized = shell("emotive:vm-resize --memory 100 shell-1");
        assertTrue(resized, resized.contains("100"));

        String history = shell("emotive:vm-events shell-1");
        assertTrue(history, history.contains("suspend requested") && history.contains("paused"));

        String unknown = shell("emotive:vm-info no-such-vm");
        assertTrue(unknown, unknown.contains("not found"));
        String badName = shell("emotive:vm-create --image busybox --vcpus 1 --memory 128 \"Bad Name\"");
        assertTrue(badName, badName.contains("name"));
        String badMemory = shell("emotive:vm-create --image busybox --vcpus 1 --memory 1 okname");
        assertTrue(badMemory, badMemory.contains("memory"));
        assertFalse(shell("emotive:vm-list").contains("okname"));

        // driver out: records stay, reads still work, changes say clearly why they cannot happen
        String uninstalled = shell("feature:uninstall emotive-kvm");
        assertFalse(uninstalled, uninstalled.startsWith("ERROR"));
        await("the node to notice the driver is gone", Duration.ofSeconds(30),
                () -> VmLifecycleRestIT.status(admin(), "/api/v1/health") == 503);
        RestClient api = admin();
        RestClient.Response health = api.get("/api/v1/health");
        assertTrue(health.body(), health.body().contains("hypervisor"));
        RestClient.Response refusedCreate = api.post("/api/v1/vms",
                "{\"name\":\"while-gone\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\"}");
        assertEquals(refusedCreate.toString(), 503, refusedCreate.status());
        assertTrue(Integer.parseInt(refusedCreate.header("Retry-After")) > 0);
        assertEquals(200, api.get("/api/v1/vms/shell-1").status());
        assertTrue(shell("emotive:vm-list").contains("shell-1"));
        String noDriver = shell("emotive:vm-suspend shell-1");
        assertTrue(noDriver, noDriver.toLowerCase().contains("no hypervisor"));
        assertTrue(shell("emotive:node-info").toLowerCase().contains("no hypervisor"));
        assertEquals("running", domainState(id)); // the guest itself never noticed

        shell("feature:install emotive-kvm");
        await("the driver to come back", Duration.ofSeconds(60),
                () -> VmLifecycleRestIT.status(admin(), "/api/v1/health") == 200);
        assertEquals(id, idOf("shell-1"));
        shell("emotive:vm-stop --timeout 120 shell-1");
        assertEquals("shut off", domainState(id));
        shell("emotive:vm-delete shell-1");
        assertEquals("absent", domainState(id));
        assertFalse(shell("emotive:vm-list").contains("shell-1"));
    }

    @Test
    public void everyFeatureCanLeaveAndComeBackWithoutARestart() throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> VmLifecycleRestIT.status(api, "/api/v1/health") == 200);
        RestClient.Response created = api.post("/api/v1/vms",
                "{\"name\":\"kept\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\"}");
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();

        shell("feature:uninstall emotive-shell");
        String gone = shellNoWait("emotive:vm-list");
        assertTrue(gone, gone.startsWith("ERROR"));
        shell("feature:install emotive-shell");
        await("the emotive commands", Duration.ofSeconds(30), () -> shellNoWait("emotive:vm-list").contains("kept"));

        // without the REST feature nothing needs the HTTP server either: 404 or no answer at all
        shell("feature:uninstall emotive-rest");
        await("the REST API to go", Duration.ofSeconds(30),
                () -> VmLifecycleRestIT.status(api, "/api/v1/health") != 200);
        shell("feature:install emotive-rest");
        await("the REST API to come back", Duration.ofSeconds(60),
                () -> VmLifecycleRestIT.status(api, "/api/v1/health") == 200);

        // a delete the node was stopped in the middle of: finished when the agent comes back
        RestClient.Response doomed = api.post("/api/v1/vms",
                "{\"name\":\"doomed\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\"}");
        assertEquals(doomed.toString(), 201, doomed.status());
        String doomedId = doomed.json().get("id").asText();

        // the node agent holds the records: they come back from its store, the guest runs on
        shell("feature:uninstall emotive-node");
        Path doomedRecord = storageDir().resolve("vms").resolve(doomedId + ".json");
        Files.writeString(doomedRecord, Files.readString(doomedRecord).replace("\"RUNNING\"", "\"DELETING\""));
        await("the REST API to notice the node agent is gone", Duration.ofSeconds(30),
                () -> VmLifecycleRestIT.status(api, "/api/v1/vms") == 503);
        String agentGone = shell("emotive:vm-list");
        assertTrue(agentGone, agentGone.contains("node agent is not running"));
        assertEquals("running", domainState(id));
        // while the agent is away, the guest is paused behind its back: noticed when it comes back
        VmLifecycleRestIT.virsh("suspend", id);
        assertEquals("paused", domainState(id));
        shell("feature:install emotive-node");
        await("the node agent", Duration.ofSeconds(60),
                () -> VmLifecycleRestIT.status(api, "/api/v1/vms/kept") == 200);
        assertEquals(id, api.get("/api/v1/vms/kept").json().get("id").asText());
        assertEquals("paused", api.get("/api/v1/vms/kept").json().get("state").asText());
        JsonNode events = api.get("/api/v1/vms/kept/events").json().get("items");
        JsonNode lastEvent = events.get(events.size() - 1);
        assertEquals("running", lastEvent.get("from").asText());
        assertEquals("paused", lastEvent.get("to").asText());
        assertTrue(lastEvent.toString(), lastEvent.get("reason").asText().contains("while the node was away"));
        assertEquals(404, api.get("/api/v1/vms/doomed").status());
        assertEquals("absent", domainState(doomedId));
        assertFalse(Files.exists(doomedRecord));

        assertEquals(204, api.delete("/api/v1/vms/kept").status());
        assertEquals("absent", domainState(id));
    }

    /** Runs a command as the admin user; an error comes back as its message. */
    private String shell(String command) {
        try {
            return executeCommand(command, new UserPrincipal("karaf"), new RolePrincipal("admin"));
        } catch (RuntimeException e) {
            return "ERROR: " + e.getMessage();
        }
    }

    /** What the shell offers to complete the last of {@code typed} after {@code emotive:<command>}. */
    private List<String> complete(String command, String... typed) {
        Session session = sessionFactory.create(System.in, System.out, System.err);
        try {
            Command cmd = session.getRegistry().getCommand("emotive", command);
            String[] args = new String[typed.length + 1];
            args[0] = "emotive:" + command;
            System.arraycopy(typed, 0, args, 1, typed.length);
            String buffer = String.join(" ", args);
            String last = args[args.length - 1];
            CommandLine line = new CommandLine() {
                @Override
                public int getCursorArgumentIndex() {
                    return args.length - 1;
                }

                @Override
                public String getCursorArgument() {
                    return last;
                }

                @Override
                public int getArgumentPosition() {
                    return last.length();
                }

                @Override
                public String[] getArguments() {
                    return args;
                }

                @Override
                public int getBufferPosition() {
                    return buffer.length();
                }

                @Override
                public String getBuffer() {
                    return buffer;
                }
            };
            List<String> candidates = new ArrayList<>();
            cmd.getCompleter(true).complete(session, line, candidates);
            return candidates.stream().map(String::trim).toList();
        } finally {
            session.close();
        }
    }

    /** Like {@link #shell} but gives a missing command two seconds to appear, not minutes. */
    private String shellNoWait(String command) {
        try {
            return executeAlias(command, 60_000L, 2_000L, true, new UserPrincipal("karaf"), new RolePrincipal("admin"));
        } catch (RuntimeException e) {
            return "ERROR: " + e.getMessage();
        }
    }

    /** The node agent's storage folder, as the test configured it in etc/org.emotive.node.cfg. */
    private String idOf(String name) throws Exception {
        String id = admin().get("/api/v1/vms/" + name).json().get("id").asText();
        return UUID.fromString(id).toString();
    }

}
