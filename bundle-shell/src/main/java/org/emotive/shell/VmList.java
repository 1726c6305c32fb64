package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-list", description = "Lists the VMs of this node")
public class VmList extends NodeCommand {

    @Option(name = "--state", description = "Only VMs in this state (running, paused, shutoff, ...)")
    String state;

    @Option(name = "--owner", description = "Only VMs of this user")
    String owner;

    @Override
    protected Object run(NodeService node) {
        VmPrinter.table(node.list().stream()
                .filter(vm -> state == null || vm.state().wireName().equals(state))
                .filter(vm -> owner == null || vm.owner().equals(owner))
                .toList(), System.out);
        return null;
    }
}
