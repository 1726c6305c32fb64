package org.emotive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * VMs on an isolated libvirt network Emotive defines: a DHCP lease shows in the VM's record,
 * its name resolves in the network's DNS. Nothing is forwarded off the machine.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NetworkIT extends EmotiveTestSupport {

    static final String NETWORK = "emotive-itest";
    static final String SUBNET = "10.77.91.";

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/org.emotive.node.cfg", "network", NETWORK),
                editConfigurationFilePut("etc/org.emotive.node.cfg", "networkMode", "isolated"),
                editConfigurationFilePut("etc/org.emotive.node.cfg", "networkAddress", SUBNET + "1/24"),
                editConfigurationFilePut("etc/org.emotive.node.cfg", "networkDomain", "emotive.test"));
    }

    @Test
    public void aVmGetsALeaseAndANameOnTheIsolatedNetwork() throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> VmLifecycleRestIT.status(api, "/api/v1/health") == 200);
        JsonNode health = api.get("/api/v1/health").json();
        assertTrue(health.toString(), health.path("problems").isMissingNode());
        String xml = VmLifecycleRestIT.virsh("net-dumpxml", NETWORK);
        assertTrue(xml, xml.contains("<ip address='" + SUBNET + "1'") && !xml.contains("<forward"));

        RestClient.Response created = api.post("/api/v1/vms",
                "{\"name\":\"net-1\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\"}");
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();
        String[] address = {null};
        await("a DHCP lease in the VM's record", Duration.ofSeconds(90), () -> {
            try {
                JsonNode addresses = api.get("/api/v1/vms/net-1").json().get("addresses");
                address[0] = addresses.size() > 0 ? addresses.get(0).asText() : null;
                return address[0] != null;
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(address[0], address[0].startsWith(SUBNET));
        // the guest reports the address it configured, a moment after the server recorded the lease
        await("the guest to configure its lease", Duration.ofSeconds(30), () -> {
            try {
                return api.get("/api/v1/vms/" + id + "/console?tail=500").body().contains("EMOTIVE-LEASE: " + address[0]);
            } catch (Exception e) {
                return false;
            }
        });
        String leases = VmLifecycleRestIT.virsh("net-dhcp-leases", NETWORK);
        assertTrue(leases, leases.contains(address[0]) && leases.contains("net-1"));
        String domifaddr = VmLifecycleRestIT.virsh("domifaddr", id);
        assertTrue(domifaddr, domifaddr.contains(address[0]));
        // libvirt's dnsmasq answers for the VM's name in the network's domain
        String lookup = run("busybox", "nslookup", "net-1.emotive.test", SUBNET + "1");
        assertTrue(lookup, lookup.contains(address[0]));

        assertEquals(204, api.delete("/api/v1/vms/" + id).status());
    }

    /** A network the host does not have: the node says so, and VMs still start, without a NIC. */
    @Test
    public void withoutItsNetworkAVmStartsWithoutANic() throws Exception {
        RestClient api = admin();
        await("the REST API", Duration.ofSeconds(60), () -> VmLifecycleRestIT.status(api, "/api/v1/health") == 200);
        org.osgi.service.cm.Configuration node = configurationAdmin.getConfiguration("org.emotive.node", null);
        java.util.Dictionary<String, Object> kept = node.getProperties();
        java.util.Hashtable<String, Object> changed = new java.util.Hashtable<>();
        for (String key : java.util.Collections.list(kept.keys())) {
            changed.put(key, kept.get(key));
        }
        changed.put("network", "no-such-network");
        changed.put("networkMode", "existing");
        node.update(changed);
        try {
            await("health to name the missing network", Duration.ofSeconds(30),
                    () -> problems(api).contains("no-such-network"));
            assertEquals(200, VmLifecycleRestIT.status(api, "/api/v1/health"));
            RestClient.Response created = api.post("/api/v1/vms",
                    "{\"name\":\"no-nic\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\"}");
            assertEquals(created.toString(), 201, created.status());
            String id = created.json().get("id").asText();
            String xml = VmLifecycleRestIT.virsh("dumpxml", id);
            assertTrue(xml, xml.contains("<domain") && !xml.contains("<interface"));
            assertEquals(204, api.delete("/api/v1/vms/" + id).status());
        } finally {
            node.update(kept);
        }
        await("the network to be back", Duration.ofSeconds(30), () -> !problems(api).contains("no-such-network"));
    }

    private static String problems(RestClient api) {
        try {
            return api.get("/api/v1/health").json().path("problems").toString();
        } catch (Exception e) {
            return "";
        }
    }

    private static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        return out;
    }
}
