package org.emotive.shell;

import org.emotive.api.model.Vm;
import org.emotive.api.node.NodeService;

/** A command that changes (or reads) one VM and prints it as it is afterwards. */
abstract class VmActionCommand extends VmCommand {

    @Override
    protected Object run(NodeService node) {
        VmPrinter.details(act(node, vm), System.out);
        return null;
    }

    protected abstract Vm act(NodeService node, String ref);
}
