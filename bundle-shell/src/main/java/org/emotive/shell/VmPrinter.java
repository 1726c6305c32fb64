package org.emotive.shell;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.support.table.ShellTable;
import org.emotive.api.model.Vm;

/** How VMs look in the shell: one as a property list, many as a table like bundle:list. */
final class VmPrinter {

    private VmPrinter() {
    }

    static void details(Vm vm, PrintStream out) {
        ShellTable table = new ShellTable().noHeaders();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("Name", vm.name());
        table.addRow().addContent("Id", vm.id());
        table.addRow().addContent("State", vm.state().wireName());
        table.addRow().addContent("Owner", vm.owner());
        table.addRow().addContent("vCPUs", vm.vcpus() + " (max " + vm.maxVcpus() + ")");
        table.addRow().addContent("Memory", vm.memoryMiB() + " MiB (max " + vm.maxMemoryMiB() + " MiB)");
        table.addRow().addContent("Image", vm.image());
        table.addRow().addContent("Home disk", vm.homeGiB() == 0 ? "-" : vm.homeGiB() + " GiB (/home)");
        table.addRow().addContent("Node", vm.node());
        table.addRow().addContent("Hypervisor", vm.hypervisor());
        table.addRow().addContent("Addresses", vm.addresses().isEmpty() ? "-" : String.join(", ", vm.addresses()));
        table.addRow().addContent("Created", vm.createdAt());
        table.addRow().addContent("Updated", vm.updatedAt());
        table.print(out);
    }

    static void table(List<Vm> vms, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("State");
        table.column("vCPUs").alignRight();
        table.column("Memory (MiB)").alignRight();
        table.column("Image");
        table.column("Owner");
        table.column("Node");
        table.column("Id");
        for (Vm vm : vms) {
            table.addRow().addContent(vm.name(), vm.state().wireName(), vm.vcpus(), vm.memoryMiB(), vm.image(),
                    vm.owner(), vm.node(), vm.id());
        }
        table.print(out);
    }
}
