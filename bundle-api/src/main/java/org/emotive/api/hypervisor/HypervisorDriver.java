package org.emotive.api.hypervisor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.emotive.api.model.Resources;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hypervisor on this host (KVM, Xen, ...), published as an OSGi service with the property
 * {@link #TYPE} so that the node can pick one by filter. Every method throws
 * {@link org.emotive.api.HypervisorException} when the hypervisor fails, and
 * {@link org.emotive.api.NotFoundException} for an unknown domain.
 */
@ConsumerType
public interface HypervisorDriver {

    /** Service property naming the hypervisor type, e.g. {@code kvm} or {@code xen}. */
    String TYPE = "emotive.hypervisor";

    /** The hypervisor type, equal to the {@link #TYPE} service property. */
    String type();

    /** What the host offers to guests. */
    Resources capacity();

    /** Defines a persistent domain and starts it; on failure nothing is left defined. */
    DomainStatus createAndStart(DomainDefinition definition);

    void start(UUID id);

    /** Asks the guest to power off (ACPI) and returns at once. */
    void requestShutdown(UUID id);

    /** Stops the domain at once, like pulling the plug. */
    void powerOff(UUID id);

    void suspend(UUID id);

    /**
     * Stores a running or paused domain's memory with the hypervisor and stops it
     * ({@link DomainState#SAVED}); {@link #start} resumes it where it was.
     */
    void saveForLater(UUID id);

    void resume(UUID id);

    void reboot(UUID id);

    /** Writes a running or paused domain's memory to {@code file} and stops it. */
    void saveState(UUID id, java.nio.file.Path file);

    /** Starts a domain from a file {@link #saveState} wrote; it runs as it was then. */
    void restoreState(java.nio.file.Path file);

    /**
     * Sets the vCPUs and memory the domain uses, within the maximums it was defined with: at once
     * while it runs (vCPU hotplug, memory balloon) and in its definition either way. A guest
     * that does not give a vCPU back in time is a {@link org.emotive.api.ConflictException}.
     */
    void resize(UUID id, int vcpus, int memoryMiB);

    /** Stops the domain if it runs and removes its definition and saved memory. Unknown ids are ignored. */
    void destroyAndUndefine(UUID id);

    Optional<DomainStatus> status(UUID id);

    /** Every domain the hypervisor has, ours or not. */
    List<DomainStatus> list();

    /**
     * Makes the network ready for guests: defines and starts it when Emotive owns it and it is
     * absent, checks it exists and runs otherwise. Throws a
     * {@link org.emotive.api.HypervisorException} that says why when the host cannot run it.
     */
    void ensureNetwork(NetworkSpec network);

    /** The IP addresses the domain's NICs hold (DHCP leases), empty when none or unknown. */
    List<String> addresses(UUID id);

    /** How long a caller should wait between two {@link #status} polls while the state settles. */
    default Duration pollInterval() {
        return Duration.ofMillis(200);
    }
}
