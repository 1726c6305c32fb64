package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.model.Vm;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-resume", description = "Resumes a paused VM, or a saved one where it was")
public class VmResume extends VmActionCommand {

    @Override
    protected Vm act(NodeService node, String ref) {
        return node.resume(ref);
    }
}
