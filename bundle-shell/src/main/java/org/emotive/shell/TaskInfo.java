package org.emotive.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.task.TaskOutput;
import org.emotive.api.task.TaskService;

@Service
@Command(scope = "emotive", name = "task-info", description = "Shows a task and the files it left in /out")
public class TaskInfo extends TaskCommand {

    @Argument(index = 0, name = "task", required = true, description = "Task id")
    String task;

    @Override
    protected Object run(TaskService tasks) {
        var id = id(task);
        TaskPrinter.details(tasks.find(id).orElseThrow(() -> new CommandFailed("task " + task + " not found")),
                System.out);
        for (TaskOutput o : tasks.outputs(id)) {
            System.out.println("  /out/" + o.path() + " (" + o.sizeBytes() + " bytes)");
        }
        return null;
    }
}
