package org.emotive.node;

import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.emotive.api.EmotiveException;
import org.emotive.api.hypervisor.HypervisorDriver;
import org.emotive.api.model.Vm;
import org.emotive.api.model.VmState;
import org.emotive.api.storage.StorageService;

/**
 * Finishes what a crash interrupted. Creates and deletes are recorded before they run, so a
 * record still {@code creating} or {@code deleting} means the node stopped half-way: a create
 * is rolled back (it never answered its caller) and a delete is completed, so neither leaves
 * a domain, a disk, a console log or a record behind.
 */
final class InterruptedWork {

    private static final Logger LOG = Logger.getLogger(InterruptedWork.class.getName());

    private final VmRecordStore records;
    private final ConsoleLog consoles;
    private final VmEventLog events;

    InterruptedWork(VmRecordStore records, ConsoleLog consoles, VmEventLog events) {
        this.records = records;
        this.consoles = consoles;
        this.events = events;
    }

    /** @param running ids whose create or delete is under way in this process: not interrupted */
    void finish(HypervisorDriver driver, StorageService storage, Predicate<UUID> running) {
        for (Vm vm : records.all()) {
            if (vm.state() != VmState.CREATING && vm.state() != VmState.DELETING || running.test(vm.id())) {
                continue;
            }
            try {
                driver.destroyAndUndefine(vm.id());
                storage.deleteInstanceDisk(vm.id());
                consoles.delete(vm.id());
                events.delete(vm.id());
                records.remove(vm.id());
                LOG.info(() -> "VM '" + vm.name() + "' was left " + vm.state().wireName()
                        + " by an interrupted node; its " + (vm.state() == VmState.CREATING ? "create was rolled back"
                        : "delete was completed"));
            } catch (EmotiveException | java.io.UncheckedIOException e) {
                LOG.log(Level.WARNING, "cannot finish the interrupted work on VM '" + vm.name() + "'; will retry", e);
            }
        }
    }
}
