package org.emotive.shell.completers;

import java.util.List;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes from a list of names read afresh at each completion. */
abstract class NamesCompleter implements Completer {

    /** The names to offer; empty while the service that knows them is absent. */
    protected abstract Stream<String> names();

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        names().forEach(strings.getStrings()::add);
        return strings.complete(session, commandLine, candidates);
    }
}
