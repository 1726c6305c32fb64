package org.emotive.shell.completers;

import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.image.Image;
import org.emotive.api.image.ImageRegistry;

/** Completes the names of the images VMs can boot from. */
@Service
public class ImageNameCompleter extends NamesCompleter {

    @Reference(optional = true)
    ImageRegistry images;

    @Override
    protected Stream<String> names() {
        ImageRegistry registry = images;
        return registry == null ? Stream.empty() : registry.list().stream().map(Image::name);
    }
}
