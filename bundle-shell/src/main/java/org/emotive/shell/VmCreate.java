package org.emotive.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.model.VmSpec;
import org.emotive.api.node.NodeService;
import org.emotive.shell.completers.ImageNameCompleter;

@Service
@Command(scope = "emotive", name = "vm-create", description = "Creates and starts a VM")
public class VmCreate extends NodeCommand {

    @Argument(index = 0, name = "name", required = true,
            description = "VM name: 1-63 characters of a-z, 0-9 and '-', starting with a letter")
    String name;

    @Option(name = "--image", aliases = "-i", required = true, description = "Image to boot")
    @Completion(ImageNameCompleter.class)
    String image;

    @Option(name = "--vcpus", description = "Virtual CPUs (default: the node's defaultVcpus)")
    Integer vcpus;

    @Option(name = "--memory", aliases = "-m", description = "Memory in MiB (default: the node's defaultMemoryMiB)")
    Integer memory;

    @Option(name = "--max-vcpus", description = "vCPUs it may grow to (default: --vcpus)")
    Integer maxVcpus;

    @Option(name = "--max-memory", description = "Memory in MiB it may grow to (default: --memory)")
    Integer maxMemory;

    @Option(name = "--disk", description = "Disk size in GiB: grows the image's disk, or a blank disk for a kernel image")
    Integer disk;

    @Option(name = "--home", description = "Home disk in GiB, an empty ext4 labelled emotive-home; 0: none"
            + " (default: the node's defaultHomeGiB)")
    Integer home;

    @Option(name = "--owner", description = "User who owns the VM (default: you)")
    String owner;

    @Override
    protected Object run(NodeService node) {
        VmPrinter.details(node.create(owner == null ? ShellUser.current() : owner,
                new VmSpec(name, vcpus, memory, image, maxVcpus, maxMemory, disk, home)), System.out);
        return null;
    }
}
