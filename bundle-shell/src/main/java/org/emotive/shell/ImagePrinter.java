package org.emotive.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import org.apache.karaf.shell.support.table.ShellTable;
import org.emotive.api.image.Image;
import org.emotive.api.image.ImageState;

/** Images as two-column tables, like {@code bundle:info}. */
final class ImagePrinter {

    private ImagePrinter() {
    }

    static String progress(Image image) {
        return image.state() == ImageState.PENDING ? image.phase() + " " + image.progress() + "%" : "-";
    }

    static void details(Image image, List<UUID> users, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("Name", image.name());
        table.addRow().addContent("Kind", image.kind().wireName());
        table.addRow().addContent("State", image.state().wireName());
        table.addRow().addContent("Progress", progress(image));
        table.addRow().addContent("Owner", image.owner() == null ? "-" : image.owner());
        if (image.disk() != null) {
            table.addRow().addContent("Format", image.disk().format());
            table.addRow().addContent("Virtual size (MiB)", image.disk().virtualSizeBytes() >> 20);
            table.addRow().addContent("Actual size (MiB)", image.disk().actualSizeBytes() >> 20);
        }
        table.addRow().addContent("Boot", image.bootsKernel() ? "kernel " + image.cmdline() : "from the disk");
        if (image.error() != null) {
            table.addRow().addContent("Error", image.error());
        }
        table.addRow().addContent("Used by", users.isEmpty() ? "-" : users.size() + " VM(s) " + users);
        table.print(out);
    }
}
