package org.emotive.shell;

import java.util.UUID;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.emotive.api.EmotiveException;
import org.emotive.api.task.TaskService;

/** Base of the task commands: one place for "service missing", task ids and error wording. */
abstract class TaskCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Override
    public final Object execute() throws Exception {
        TaskService t = tasks;
        if (t == null) {
            throw new CommandFailed("the task service is not running (feature emotive-node)");
        }
        try {
            return run(t);
        } catch (EmotiveException e) {
            throw new CommandFailed(ShellErrors.message(e));
        }
    }

    protected abstract Object run(TaskService tasks) throws Exception;

    static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new CommandFailed("'" + text + "' is no task id (a UUID)");
        }
    }
}
