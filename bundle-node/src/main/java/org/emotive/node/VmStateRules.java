package org.emotive.node;

import java.util.EnumSet;
import java.util.Set;
import org.emotive.api.ConflictException;
import org.emotive.api.hypervisor.DomainState;
import org.emotive.api.model.Vm;
import org.emotive.api.model.VmState;

/** Which action is allowed in which state, and how hypervisor states read as VM states. */
final class VmStateRules {

    private VmStateRules() {
    }

    static void require(Vm vm, String action, Set<VmState> allowed) {
        if (!allowed.contains(vm.state())) {
            throw new ConflictException("cannot " + action + " VM '" + vm.name() + "' while it is "
                    + vm.state().wireName());
        }
    }

    static final Set<VmState> STARTABLE = EnumSet.of(VmState.SHUTOFF, VmState.CRASHED, VmState.SAVED);
    static final Set<VmState> RESUMABLE = EnumSet.of(VmState.PAUSED, VmState.SAVED);
    static final Set<VmState> RUNNING = EnumSet.of(VmState.RUNNING);
    static final Set<VmState> PAUSED = EnumSet.of(VmState.PAUSED);
    /** Live (hotplug, balloon) while running, in the definition while stopped. */
    static final Set<VmState> RESIZABLE = EnumSet.of(VmState.RUNNING, VmState.SHUTOFF);
    static final Set<VmState> RESTORABLE = EnumSet.of(VmState.RUNNING, VmState.PAUSED, VmState.SHUTOFF,
            VmState.CRASHED);
    static final Set<VmState> POWERED = EnumSet.of(VmState.RUNNING, VmState.PAUSED);

    /** The VM state a domain state means; {@code null} when it says nothing new. */
    static VmState fromDomain(DomainState state) {
        return switch (state) {
            case RUNNING, SHUTTING_DOWN -> VmState.RUNNING;
            case PAUSED -> VmState.PAUSED;
            case SHUTOFF -> VmState.SHUTOFF;
            case SAVED -> VmState.SAVED;
            case CRASHED -> VmState.CRASHED;
            case SUSPENDED_TO_DISK -> VmState.PAUSED;
            case OTHER -> null;
        };
    }
}
