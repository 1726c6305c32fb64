package org.emotive.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.image.Image;
import org.emotive.api.storage.ImageBuild;
import org.emotive.api.storage.StorageService;

@Service
@Command(scope = "emotive", name = "image-build",
        description = "Builds a Debian base image with debootstrap in the background; follow it with image-info")
public class ImageBuildCommand extends StorageCommand {

    @Option(name = "--suite", description = "Debian suite (default: the node's debianSuite)")
    String suite;

    @Option(name = "--mirror", description = "Debian mirror URL (default: the node's debianMirror)")
    String mirror;

    @Option(name = "--arch", description = "amd64 or arm64 (default: the node's architecture)")
    String arch;

    @Option(name = "--package", aliases = "-p", multiValued = true, description = "An extra package; repeat for more")
    List<String> packages;

    @Option(name = "--disk", description = "Disk size in GiB (default 2)")
    Integer disk;

    @Argument(index = 0, name = "name", required = true, description = "New image name")
    String name;

    @Override
    protected Object run(StorageService storage) {
        Image image = storage.build(new ImageBuild(name, ShellUser.current(), suite, mirror, arch, packages, disk));
        System.out.println("Building image " + image.name() + " (" + image.phase() + " " + image.progress()
                + "%); follow it with emotive:image-info " + image.name());
        return null;
    }
}
