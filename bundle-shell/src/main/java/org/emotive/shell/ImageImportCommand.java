package org.emotive.shell;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.image.Image;
import org.emotive.api.storage.ImageImport;
import org.emotive.api.storage.StorageService;

@Service
@Command(scope = "emotive", name = "image-import",
        description = "Imports a raw or qcow2 file of this node as an image; runs in the background (see image-info)")
public class ImageImportCommand extends StorageCommand {

    @Option(name = "--kernel", description = "Kernel to boot the disk with (with --initrd); else the disk boots itself")
    @Completion(FileCompleter.class)
    String kernel;

    @Option(name = "--initrd", description = "Initramfs for --kernel")
    @Completion(FileCompleter.class)
    String initrd;

    @Option(name = "--cmdline", description = "Kernel command line (default: console=ttyS0 root=/dev/vda rw)")
    String cmdline;

    @Argument(index = 0, name = "name", required = true, description = "New image name")
    String name;

    @Argument(index = 1, name = "file", required = true, description = "Absolute path of a raw or qcow2 file")
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected Object run(StorageService storage) {
        Image image = storage.importFile(new ImageImport(name, ShellUser.current(), path("file", file),
                path("kernel", kernel), path("initrd", initrd), cmdline));
        System.out.println("Importing image " + image.name() + " (" + image.phase() + " " + image.progress()
                + "%); follow it with emotive:image-info " + image.name());
        return null;
    }

    private static Path path(String field, String value) {
        try {
            return value == null ? null : Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidFieldException(field, field + " is not a valid path");
        }
    }
}
