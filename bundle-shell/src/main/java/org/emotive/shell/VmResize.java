package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-resize",
        description = "Changes a VM's vCPUs and memory within its maximums: live while it runs, else for its next start")
public class VmResize extends VmCommand {

    @Option(name = "--vcpus", description = "Virtual CPUs (up to the VM's maximum)")
    Integer vcpus;

    @Option(name = "--memory", aliases = "-m", description = "Memory in MiB (up to the VM's maximum)")
    Integer memory;

    @Override
    protected Object run(NodeService node) {
        VmPrinter.details(node.resize(vm, vcpus, memory), System.out);
        return null;
    }
}
