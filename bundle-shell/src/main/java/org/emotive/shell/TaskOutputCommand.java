package org.emotive.shell;

import java.io.IOException;
import java.io.InputStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.emotive.api.task.TaskService;

@Service
@Command(scope = "emotive", name = "task-output",
        description = "Prints a task's stdout, its stderr, or one file it left in /out")
public class TaskOutputCommand extends TaskCommand {

    @Argument(index = 0, name = "task", required = true, description = "Task id")
    String task;

    @Argument(index = 1, name = "path", description = "A file under /out (default: the command's stdout)")
    String path;

    @Option(name = "--stderr", description = "Print the command's stderr instead")
    boolean stderr;

    @Override
    protected Object run(TaskService tasks) throws IOException {
        var id = id(task);
        try (InputStream in = path != null ? tasks.output(id, path) : stderr ? tasks.stderr(id) : tasks.stdout(id)) {
            in.transferTo(System.out);
        }
        System.out.flush();
        return null;
    }
}
