package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.emotive.api.model.Health;
import org.emotive.api.model.NodeInfo;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "node-info", description = "Shows this node: hypervisor, capacity, use, health")
public class NodeInfoCommand extends NodeCommand {

    @Override
    protected Object run(NodeService node) {
        NodeInfo info = node.info();
        Health health = node.health();
        ShellTable table = new ShellTable().noHeaders();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("Id", info.id());
        table.addRow().addContent("Address", info.address());
        table.addRow().addContent("State", info.state().wireName());
        table.addRow().addContent("Hypervisor", info.hypervisor() == null
                ? "none: no hypervisor driver (feature:install emotive-kvm)" : info.hypervisor());
        table.addRow().addContent("Capacity", info.capacity().vcpus() + " vCPUs, " + info.capacity().memoryMiB() + " MiB");
        table.addRow().addContent("Used", info.used().vcpus() + " vCPUs, " + info.used().memoryMiB() + " MiB");
        table.addRow().addContent("VMs", info.vms());
        table.addRow().addContent("Health", health.up() ? "up" : "down: " + String.join("; ", health.problems()));
        table.print(System.out);
        return null;
    }
}
