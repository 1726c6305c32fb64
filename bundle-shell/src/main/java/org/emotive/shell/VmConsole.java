package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-console", description = "Shows the last lines of a VM's serial console")
public class VmConsole extends VmCommand {

    @Option(name = "--lines", aliases = "-n", description = "How many lines")
    int lines = 50;

    @Override
    protected Object run(NodeService node) {
        System.out.print(node.console(vm, lines));
        return null;
    }
}
