package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-delete", description = "Deletes a VM with its domain and files")
public class VmDelete extends VmCommand {

    @Override
    protected Object run(NodeService node) {
        node.delete(vm);
        System.out.println("VM '" + vm + "' deleted");
        return null;
    }
}
