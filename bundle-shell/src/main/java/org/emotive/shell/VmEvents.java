package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.emotive.api.model.VmEvent;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-events", description = "Shows a VM's state history, oldest first")
public class VmEvents extends VmCommand {

    @Override
    protected Object run(NodeService node) {
        ShellTable table = new ShellTable();
        table.column("Time");
        table.column("From");
        table.column("To");
        table.column("Reason");
        for (VmEvent e : node.events(vm)) {
            table.addRow().addContent(e.at(), e.from() == null ? "-" : e.from().wireName(), e.to().wireName(),
                    e.reason());
        }
        table.print(System.out);
        return null;
    }
}
