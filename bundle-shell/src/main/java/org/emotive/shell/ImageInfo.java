package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.NotFoundException;
import org.emotive.api.image.Image;
import org.emotive.api.storage.StorageService;

@Service
@Command(scope = "emotive", name = "image-info", description = "Shows an image: format, sizes, progress, users")
public class ImageInfo extends ImageCommand {

    @Override
    protected Object run(StorageService storage) {
        Image image = storage.image(name).orElseThrow(() -> new NotFoundException("image '" + name + "' not found"));
        ImagePrinter.details(image, storage.imageUsers(name), System.out);
        return null;
    }
}
