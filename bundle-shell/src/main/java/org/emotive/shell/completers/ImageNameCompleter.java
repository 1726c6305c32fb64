package org.emotive.shell.completers;

import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.image.Image;
import org.emotive.api.storage.StorageService;

/** Completes the names of the images VMs can boot from. */
@Service
public class ImageNameCompleter extends NamesCompleter {

    @Reference(optional = true)
    StorageService storage;

    @Override
    protected Stream<String> names() {
        StorageService s = storage;
        return s == null ? Stream.empty() : s.images().stream().map(Image::name);
    }
}
