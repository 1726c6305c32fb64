package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.model.Vm;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-info", description = "Shows one VM")
public class VmInfo extends VmActionCommand {

    @Override
    protected Vm act(NodeService node, String ref) {
        return node.find(ref).orElseThrow(() -> new CommandFailed("VM '" + ref + "' not found"));
    }
}
