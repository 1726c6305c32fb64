package org.emotive.api.node;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.emotive.api.model.Checkpoint;
import org.emotive.api.model.Health;
import org.emotive.api.model.NodeInfo;
import org.emotive.api.model.Vm;
import org.emotive.api.model.VmEvent;
import org.emotive.api.model.VmSpec;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node agent (VtM): the VMs of one hypervisor host. A {@code ref} is a VM's id or its
 * name. Callers check ownership; this service acts for whoever calls it.
 * Errors are {@link org.emotive.api.EmotiveException}s: invalid field, not found,
 * conflict with the VM's state (the message names the state), service unavailable.
 */
@ProviderType
public interface NodeService {

    /**
     * EventAdmin topic the node posts every change of a VM's state (and every resize) to, with
     * the properties below; the same change is kept in the VM's {@link #events history}.
     */
    String TOPIC_VM_CHANGED = "org/emotive/vm/CHANGED";
    String EVENT_VM_ID = "vm.id";
    String EVENT_VM_NAME = "vm.name";
    String EVENT_VM_OWNER = "vm.owner";
    String EVENT_NODE = "node";
    /** The state before, absent for a new VM; wire names such as {@code running}. */
    String EVENT_FROM = "from";
    String EVENT_TO = "to";
    String EVENT_REASON = "reason";

    /** Validates the spec, then defines and starts the VM. Nothing is left behind on failure. */
    Vm create(String owner, VmSpec spec);

    List<Vm> list();

    Optional<Vm> find(String ref);

    Vm start(String ref);

    /** Graceful shutdown: waits up to {@code timeout} for the guest to stop, else a conflict. */
    Vm shutdown(String ref, Duration timeout);

    Vm powerOff(String ref);

    Vm suspend(String ref);

    Vm resume(String ref);

    Vm reboot(String ref);

    /**
     * Stores a running or paused VM for later (state {@code saved}): its memory is kept, its disk
     * untouched; {@link #start} or {@link #resume} brings it back where it was.
     */
    Vm save(String ref);

    /**
     * Takes a checkpoint of a running or paused VM: its memory and a copy of its disk, with a
     * manifest. The VM runs on (or stays paused) afterwards.
     */
    Checkpoint checkpoint(String ref);

    /**
     * Takes a checkpoint of the VM every {@code every} from now on, keeping the last {@code keep}
     * of them (older ones are deleted); {@code Duration.ZERO} stops it.
     */
    void scheduleCheckpoints(String ref, java.time.Duration every, int keep);

    /** The VM's checkpoints, oldest first. */
    List<Checkpoint> checkpoints(String ref);

    /**
     * Puts the VM back to a checkpoint: its disk and memory as they were, running. The
     * checkpoint's checksums are verified first; a damaged one changes nothing.
     */
    Vm restore(String ref, String checkpointId);

    /**
     * Changes the vCPUs and memory of a running or stopped VM within its maximums; a
     * {@code null} size stays as it is.
     */
    Vm resize(String ref, Integer vcpus, Integer memoryMiB);

    /** Removes the VM, its domain and its files. */
    void delete(String ref);

    /** The VM's state history, oldest first. */
    List<VmEvent> events(String ref);

    /** The last {@code lines} lines of the VM's serial console. */
    String console(String ref, int lines);

    NodeInfo info();

    Health health();
}
