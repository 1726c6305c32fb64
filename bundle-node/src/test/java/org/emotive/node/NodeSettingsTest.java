package org.emotive.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.emotive.api.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeSettingsTest {

    /** A NodeConfig with the annotation's defaults but the given keys, as DS would build it from a file. */
    private static NodeConfig config(Map<String, Object> values) {
        return (NodeConfig) java.lang.reflect.Proxy.newProxyInstance(NodeConfig.class.getClassLoader(),
                new Class<?>[] {NodeConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return NodeConfig.class;
                    }
                    return values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                });
    }

    @Test
    void defaultsAreValidAndEmptyIdsTakeTheHostName() {
        NodeSettings s = NodeSettings.from(config(Map.of()), "host-1", "host-1.example.org");
        assertEquals("host-1", s.nodeId());
        assertEquals("host-1.example.org", s.address());
        assertEquals(NodeSettings.defaults("host-1", "host-1.example.org"), s);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nodeId|Node_1", "nodeId|a b", "address|a b", "architecture|sparc", "storageDir|relative/dir",
        "storageDir|/var/../etc", "imagesDir|", "debianMirror|ftp://x/debian", "debianMirror|http://",
        "debianMirror|not a url", "debianSuite|Bookworm;rm", "network|a b", "network|<x>"})
    void badTextIsRefusedNamingTheKey(String key, String value) {
        assertField(key, Map.of(key, value == null ? "" : value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "networkMode|wifi", "networkAddress|10.77.10.1", "networkAddress|10.77.300.1/24", "networkAddress|10.0.0.1/31",
        "networkAddress|a.b.c.d/24", "networkDomain|Emotive..x", "networkDomain|-x.y", "networkBridge|br0;ip",
        "networkBridge|abcdefghijklmnop"})
    void badNetworkSettingsAreRefusedNamingTheKey(String key, String value) {
        assertField(key, Map.of("network", "emotive", key, value));
    }

    @Test
    void aNetworkIsOptionalAndFullyDescribed() {
        assertEquals(null, NodeSettings.from(config(Map.of()), "h", "h").network());
        var spec = NodeSettings.from(config(Map.of("network", "emo", "networkMode", "NAT")), "h", "h").network();
        assertEquals(org.emotive.api.hypervisor.NetworkSpec.Mode.NAT, spec.mode());
        assertEquals("10.77.10.1/24", spec.address());
        assertEquals("emotive.internal", spec.domain());
    }

    private static void assertField(String key, Map<String, Object> values) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> NodeSettings.from(config(values), "h", "h"));
        assertEquals(key, e.field(), e.getMessage());
    }


    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "defaultVcpus|0", "defaultVcpus|65", "defaultMemoryMiB|8", "defaultMemoryMiB|70000", "defaultDiskGiB|-1",
        "defaultHomeGiB|-1", "defaultHomeGiB|16385", "maxVcpusPerVm|0", "maxMemoryMiBPerVm|15",
        "maxTaskInputMiB|0", "maxTaskInputMiB|-1", "maxTaskInputMiB|1048577"})
    void badNumbersAreRefusedNamingTheKey(String key, int value) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> NodeSettings.from(config(Map.of(key, value)), "h", "h"));
        assertEquals(key, e.field(), e.getMessage());
    }

    @Test
    void theTaskInputLimitIsInMiBAndFollowsANewConfiguration() throws Exception {
        assertEquals(4096L << 20, NodeSettings.from(config(Map.of()), "h", "h").maxTaskInputBytes());
        assertEquals(1L << 40, NodeSettings.from(config(Map.of("maxTaskInputMiB", 1 << 20)), "h", "h")
                .maxTaskInputBytes(), "the largest allowed value does not overflow");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("node-settings");
        NodeAgent agent = new NodeAgent();
        agent.activate(config(Map.of("storageDir", dir.toString(), "maxTaskInputMiB", 1)));
        assertEquals(1L << 20, agent.maxTaskInputBytes());
        agent.modified(config(Map.of("storageDir", dir.toString(), "maxTaskInputMiB", 0)));
        assertEquals(1L << 20, agent.maxTaskInputBytes(), "an invalid value changes nothing");
        agent.modified(config(Map.of("storageDir", dir.toString(), "maxTaskInputMiB", 300)));
        assertEquals(300L << 20, agent.maxTaskInputBytes());
    }

    @Test
    void theNodeKeepsItsConfigurationWhenANewOneIsInvalid() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("node-settings");
        NodeAgent agent = new NodeAgent();
        agent.activate(config(Map.of("storageDir", dir.toString(), "nodeId", "n1", "defaultVcpus", 2)));
        agent.modified(config(Map.of("storageDir", dir.toString(), "nodeId", "n2", "defaultVcpus", 0)));
        assertEquals("n1", agent.info().id());
        agent.modified(config(Map.of("storageDir", dir.resolve("other").toString(), "nodeId", "n3")));
        assertEquals("n1", agent.info().id(), "storageDir cannot change under running VMs");
        agent.modified(config(Map.of("storageDir", dir.toString(), "nodeId", "n4")));
        assertEquals("n4", agent.info().id());
    }

}
