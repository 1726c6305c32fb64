package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.emotive.api.model.Checkpoint;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-checkpoints", description = "Lists a VM's checkpoints, oldest first")
public class VmCheckpoints extends VmCommand {

    @Override
    protected Object run(NodeService node) {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Taken");
        table.column("Size (MiB)").alignRight();
        table.column("Node");
        table.column("Sealed");
        for (Checkpoint c : node.checkpoints(vm)) {
            table.addRow().addContent(c.id(), c.createdAt(), c.sizeBytes() >> 20, c.node(), c.sealed() ? "yes" : "no");
        }
        table.print(System.out);
        return null;
    }
}
