package org.emotive.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.emotive.api.EmotiveException;
import org.emotive.api.node.NodeService;

/** Base of the commands that talk to the node agent: one place for "agent missing" and error wording. */
abstract class NodeCommand implements Action {

    @Reference(optional = true)
    NodeService node;

    @Override
    public final Object execute() {
        NodeService n = node;
        if (n == null) {
            throw new CommandFailed("the node agent is not running (feature emotive-node)");
        }
        try {
            return run(n);
        } catch (EmotiveException e) {
            throw new CommandFailed(ShellErrors.message(e));
        }
    }

    protected abstract Object run(NodeService node);
}
