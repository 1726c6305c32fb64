package org.emotive.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.emotive.shell.completers.VmNameCompleter;

/** A command on one VM, named by its name or id. */
abstract class VmCommand extends NodeCommand {

    @Argument(index = 0, name = "vm", required = true, description = "VM name or id")
    @Completion(VmNameCompleter.class)
    String vm;
}
