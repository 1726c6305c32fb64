package org.emotive.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.emotive.api.task.TaskInput;
import org.emotive.api.task.TaskService;
import org.emotive.api.task.TaskSpec;
import org.emotive.shell.completers.ImageNameCompleter;

@Service
@Command(scope = "emotive", name = "task-submit",
        description = "Runs a command in a fresh VM with input files in /in; what it writes to /out is collected")
public class TaskSubmit extends TaskCommand {

    @Argument(index = 0, name = "command", required = true,
            description = "Shell command run by sh -c in the guest (quote it), e.g. 'sha256sum /in/a > /out/sum'")
    String command;

    @Option(name = "--image", aliases = "-i", required = true, description = "Image the task's VM boots")
    @Completion(ImageNameCompleter.class)
    String image;

    @Option(name = "--input", multiValued = true,
            description = "A file of this node to put in /in under its own name (repeatable)")
    @Completion(FileCompleter.class)
    List<String> inputs;

    @Option(name = "--vcpus", description = "Virtual CPUs (default: the node's defaultVcpus)")
    Integer vcpus;

    @Option(name = "--memory", aliases = "-m", description = "Memory in MiB (default: the node's defaultMemoryMiB)")
    Integer memory;

    @Option(name = "--timeout", description = "Seconds from the VM's start before the task is killed (default 3600)")
    Integer timeout;

    @Option(name = "--owner", description = "User who owns the task (default: you)")
    String owner;

    @Override
    protected Object run(TaskService tasks) throws IOException {
        List<InputStream> opened = new ArrayList<>();
        try {
            List<TaskInput> files = new ArrayList<>();
            for (String name : inputs == null ? List.<String>of() : inputs) {
                Path file = Path.of(name);
                if (!Files.isRegularFile(file)) {
                    throw new CommandFailed("--input " + name + ": no such file");
                }
                InputStream in = Files.newInputStream(file);
                opened.add(in);
                files.add(new TaskInput(file.getFileName().toString(), in));
            }
            TaskPrinter.details(tasks.submit(owner == null ? ShellUser.current() : owner,
                    new TaskSpec(command, image, vcpus, memory, timeout), files), System.out);
        } finally {
            for (InputStream in : opened) {
                in.close();
            }
        }
        return null;
    }
}
