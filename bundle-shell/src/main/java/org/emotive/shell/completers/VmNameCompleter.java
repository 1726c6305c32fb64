package org.emotive.shell.completers;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.emotive.api.model.Vm;
import org.emotive.api.node.NodeService;

/** Completes the names of the node's VMs. */
@Service
public class VmNameCompleter implements Completer {

    @Reference(optional = true)
    NodeService node;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        NodeService n = node;
        if (n != null) {
            n.list().stream().map(Vm::name).forEach(names.getStrings()::add);
        }
        return names.complete(session, commandLine, candidates);
    }
}
