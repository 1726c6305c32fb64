package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.storage.StorageService;

@Service
@Command(scope = "emotive", name = "image-delete", description = "Deletes an image no VM uses")
public class ImageDelete extends ImageCommand {

    @Override
    protected Object run(StorageService storage) {
        storage.deleteImage(name);
        System.out.println("Image " + name + " deleted");
        return null;
    }
}
