package org.emotive.shell;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.support.table.ShellTable;
import org.emotive.api.task.Task;

/** How tasks look in the shell. */
final class TaskPrinter {

    private TaskPrinter() {
    }

    static void details(Task t, PrintStream out) {
        ShellTable table = new ShellTable().noHeaders();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("Id", t.id());
        table.addRow().addContent("State", t.state().wireName());
        table.addRow().addContent("Reason", orDash(t.reason()));
        table.addRow().addContent("Exit code", orDash(t.exitCode()));
        table.addRow().addContent("Command", t.spec().command());
        table.addRow().addContent("Image", t.spec().image());
        table.addRow().addContent("Sizes", t.spec().vcpus() + " vCPU(s), " + t.spec().memoryMiB() + " MiB");
        table.addRow().addContent("Timeout", t.spec().timeoutSeconds() + " s");
        table.addRow().addContent("Owner", t.owner());
        table.addRow().addContent("VM", orDash(t.vm()));
        table.addRow().addContent("Node", t.node());
        table.addRow().addContent("Submitted", t.submittedAt());
        table.addRow().addContent("Started", orDash(t.startedAt()));
        table.addRow().addContent("Ended", orDash(t.endedAt()));
        table.print(out);
    }

    static void table(List<Task> tasks, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("State");
        table.column("Exit").alignRight();
        table.column("Owner");
        table.column("Submitted");
        table.column("Command");
        for (Task t : tasks) {
            String command = t.spec().command().replaceAll("\\s+", " ");
            table.addRow().addContent(t.id(), t.state().wireName(), orDash(t.exitCode()), t.owner(), t.submittedAt(),
                    command.length() > 40 ? command.substring(0, 39) + "…" : command);
        }
        table.print(out);
    }

    private static Object orDash(Object value) {
        return value == null ? "-" : value;
    }
}
