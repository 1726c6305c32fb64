package org.emotive.shell;

import java.time.Duration;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.model.Vm;
import org.emotive.api.node.NodeService;

@Service
@Command(scope = "emotive", name = "vm-stop", description = "Shuts a VM down gracefully (ACPI power button)")
public class VmStop extends VmActionCommand {

    @Option(name = "--timeout", aliases = "-t", description = "Seconds to wait for the guest to stop")
    int timeout = 60;

    @Override
    protected Vm act(NodeService node, String ref) {
        return node.shutdown(ref, Duration.ofSeconds(timeout));
    }
}
