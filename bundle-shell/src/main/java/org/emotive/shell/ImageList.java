package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.emotive.api.image.Image;
import org.emotive.api.storage.StorageService;

@Service
@Command(scope = "emotive", name = "image-list", description = "Lists the images VMs can boot from")
public class ImageList extends StorageCommand {

    @Override
    protected Object run(StorageService storage) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Kind");
        table.column("State");
        table.column("Progress").alignRight();
        table.column("Size (MiB)").alignRight();
        table.column("Owner");
        for (Image image : storage.images()) {
            table.addRow().addContent(image.name(), image.kind().wireName(), image.state().wireName(),
                    ImagePrinter.progress(image), image.disk() == null ? "-" : image.disk().virtualSizeBytes() >> 20,
                    image.owner() == null ? "-" : image.owner());
        }
        table.print(System.out);
        return null;
    }
}
