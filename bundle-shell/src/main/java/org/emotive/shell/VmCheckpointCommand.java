package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.model.Checkpoint;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-checkpoint",
        description = "Takes a checkpoint of a running or paused VM (memory and disk); it runs on afterwards")
public class VmCheckpointCommand extends VmCommand {

    @Override
    protected Object run(NodeService node) {
        Checkpoint c = node.checkpoint(vm);
        System.out.println("Checkpoint " + c.id() + " of " + vm + " taken (" + (c.sizeBytes() >> 20) + " MiB)");
        return null;
    }
}
