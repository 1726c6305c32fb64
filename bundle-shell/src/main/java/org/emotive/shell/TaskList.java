package org.emotive.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.task.TaskService;

@Service
@Command(scope = "emotive", name = "task-list", description = "Lists the tasks of this node")
public class TaskList extends TaskCommand {

    @Option(name = "--state", description = "Only tasks in this state (queued, running, done, failed, ...)")
    String state;

    @Option(name = "--owner", description = "Only tasks of this user")
    String owner;

    @Override
    protected Object run(TaskService tasks) {
        TaskPrinter.table(tasks.list().stream()
                .filter(t -> state == null || t.state().wireName().equals(state))
                .filter(t -> owner == null || t.owner().equals(owner))
                .toList(), System.out);
        return null;
    }
}
