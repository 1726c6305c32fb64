package org.emotive.shell.completers;

import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.model.Vm;
import org.emotive.api.node.NodeService;

/** Completes the names of the node's VMs. */
@Service
public class VmNameCompleter extends NamesCompleter {

    @Reference(optional = true)
    NodeService node;

    @Override
    protected Stream<String> names() {
        NodeService n = node;
        return n == null ? Stream.empty() : n.list().stream().map(Vm::name);
    }
}
