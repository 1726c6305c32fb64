package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-restore",
        description = "Puts a VM back to one of its checkpoints (see vm-checkpoints), running")
public class VmRestore extends VmCommand {

    @Option(name = "--checkpoint", aliases = "-c", required = true, description = "Checkpoint id")
    String checkpoint;

    @Override
    protected Object run(NodeService node) {
        VmPrinter.details(node.restore(vm, checkpoint), System.out);
        return null;
    }
}
