package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.model.Vm;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-save",
        description = "Stores a VM for later with its memory and disk; vm-start or vm-resume brings it back as it was")
public class VmSave extends VmActionCommand {

    @Override
    protected Vm act(NodeService node, String ref) {
        return node.save(ref);
    }
}
