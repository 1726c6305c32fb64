package org.emotive.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.emotive.shell.completers.ImageNameCompleter;

/** A command on one image, named by its name. */
abstract class ImageCommand extends StorageCommand {

    @Argument(index = 0, name = "image", required = true, description = "Image name")
    @Completion(ImageNameCompleter.class)
    String name;
}
