package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.model.Vm;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-poweroff", description = "Powers a VM off at once, like pulling the plug")
public class VmPowerOff extends VmActionCommand {

    @Override
    protected Vm act(NodeService node, String ref) {
        return node.powerOff(ref);
    }
}
