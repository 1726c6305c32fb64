package org.emotive.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.task.TaskService;

@Service
@Command(scope = "emotive", name = "task-cancel",
        description = "Cancels a task that has not ended (its VM and disks removed); --delete removes an ended one")
public class TaskCancel extends TaskCommand {

    @Argument(index = 0, name = "task", required = true, description = "Task id")
    String task;

    @Option(name = "--delete", description = "Remove an ended task with its outputs")
    boolean delete;

    @Override
    protected Object run(TaskService tasks) {
        var id = id(task);
        if (delete) {
            tasks.delete(id);
            System.out.println("task " + id + " removed");
        } else {
            TaskPrinter.details(tasks.cancel(id), System.out);
        }
        return null;
    }
}
