package org.emotive.shell.completers;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.emotive.api.image.Image;
import org.emotive.api.image.ImageRegistry;

/** Completes the names of the images VMs can boot from. */
@Service
public class ImageNameCompleter implements Completer {

    @Reference(optional = true)
    ImageRegistry images;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        ImageRegistry registry = images;
        if (registry != null) {
            registry.list().stream().map(Image::name).forEach(names.getStrings()::add);
        }
        return names.complete(session, commandLine, candidates);
    }
}
