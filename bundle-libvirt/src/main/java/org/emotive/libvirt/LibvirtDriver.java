package org.emotive.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.emotive.api.ConflictException;
import org.emotive.api.EmotiveException;
import org.emotive.api.HypervisorException;
import org.emotive.api.NotFoundException;
import org.emotive.api.hypervisor.DomainDefinition;
import org.emotive.api.hypervisor.DomainState;
import org.emotive.api.hypervisor.DomainStatus;
import org.emotive.api.hypervisor.HypervisorDriver;
import org.emotive.api.hypervisor.NetworkSpec;
import org.emotive.api.model.Resources;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterface;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.NodeInfo;

/**
 * A {@link HypervisorDriver} over one libvirt connection. Subclasses (KVM, Xen) choose the
 * URI and how domain XML is built; the lifecycle is the same for every libvirt hypervisor.
 */
public abstract class LibvirtDriver implements HypervisorDriver, AutoCloseable {

    private static final int LIST_ALL = 0;
    /** virDomainModificationImpact and virDomainXMLFlags values. */
    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;
    private static final int XML_INACTIVE = 2;
    /** virDomainUndefineFlagsValues: also remove the memory a managed save stored. */
    private static final int UNDEFINE_MANAGED_SAVE = 1;
    /** virDomainInterfaceAddressesSource: the leases of libvirt's own DHCP server. */
    private static final int ADDRESSES_FROM_LEASES = 0;

    private final LibvirtConnection connection;

    protected LibvirtDriver(String uri) {
        this.connection = new LibvirtConnection(uri);
    }

    /** The domain XML for {@code definition} on this hypervisor. */
    protected abstract String domainXml(DomainDefinition definition);

    public String uri() {
        return connection.uri();
    }

    @Override
    public Resources capacity() {
        NodeInfo info = call("read host capacity", Connect::nodeInfo);
        return new Resources(info.cpus, info.memory / 1024);
    }

    @Override
    public DomainStatus createAndStart(DomainDefinition definition) {
        if (findByName(definition.domainName()).isPresent()) {
            // someone else's domain, or one left behind: never take it over or replace it
            throw new ConflictException("a domain named '" + definition.domainName() + "' already exists on " + uri());
        }
        String xml = domainXml(definition);
        Domain domain = call("define " + definition.domainName(), c -> c.domainDefineXML(xml));
        try {
            act("start", domain, Domain::create);
            return statusOf(domain);
        } catch (EmotiveException e) {
            undefineQuietly(domain);
            throw e;
        }
    }

    @Override
    public void start(UUID id) {
        act("start", lookup(id), Domain::create);
    }

    @Override
    public void requestShutdown(UUID id) {
        act("shut down", lookup(id), d -> { d.shutdown(); return 0; });
    }

    @Override
    public void powerOff(UUID id) {
        act("power off", lookup(id), d -> { d.destroy(); return 0; });
    }

    @Override
    public void suspend(UUID id) {
        act("suspend", lookup(id), d -> { d.suspend(); return 0; });
    }

    @Override
    public void saveForLater(UUID id) {
        act("save", lookup(id), d -> d.managedSave());
    }

    @Override
    public void saveState(UUID id, java.nio.file.Path file) {
        act("save the state to " + file, lookup(id), d -> { d.save(file.toString()); return 0; });
    }

    @Override
    public void restoreState(java.nio.file.Path file) {
        call("restore the state from " + file, c -> { c.restore(file.toString()); return 0; });
    }

    @Override
    public void resume(UUID id) {
        act("resume", lookup(id), d -> { d.resume(); return 0; });
    }

    @Override
    public void reboot(UUID id) {
        act("reboot", lookup(id), d -> { d.reboot(0); return 0; });
    }

    @Override
    public void resize(UUID id, int vcpus, int memoryMiB) {
        Domain domain = lookup(id);
        if (isActive(domain)) {
            // live first: if the guest refuses, the definition is left as it was
            act("set the vCPUs of the running guest", domain, d -> { d.setVcpusFlags(vcpus, AFFECT_LIVE); return 0; });
            act("set the memory of the running guest", domain, d -> { d.setMemory(memoryMiB * 1024L); return 0; });
        }
        act("set the vCPUs in the definition", domain, d -> { d.setVcpusFlags(vcpus, AFFECT_CONFIG); return 0; });
        // libvirt-java has no setMemoryFlags: the persistent definition is rewritten instead
        String inactive = act("read the definition", domain, d -> d.getXMLDesc(XML_INACTIVE));
        String updated = DomainXmlBuilder.withCurrentMemory(inactive, memoryMiB);
        call("store the new memory size", c -> c.domainDefineXML(updated));
    }

    @Override
    public void ensureNetwork(NetworkSpec spec) {
        Network network;
        try {
            network = connection.call(c -> c.networkLookupByName(spec.name()));
        } catch (LibvirtException e) {
            if (code(e) != ErrorNumber.VIR_ERR_NO_NETWORK) {
                throw translate("look up network " + spec.name(), e);
            }
            if (spec.mode() == NetworkSpec.Mode.EXISTING) {
                throw new HypervisorException("network '" + spec.name() + "' does not exist on " + uri()
                        + " (networkMode existing: define it, or let Emotive define it with isolated or nat)", e);
            }
            String xml = NetworkXmlBuilder.build(spec);
            network = call("define network " + spec.name(), c -> c.networkDefineXML(xml));
        }
        Network n = network;
        try {
            if (n.isActive() != 1) {
                n.create();
            }
            n.setAutostart(true);
        } catch (LibvirtException e) {
            throw translate("start network " + spec.name() + " (libvirt needs dnsmasq and iptables for it)", e);
        }
    }

    @Override
    public List<String> addresses(UUID id) {
        Optional<Domain> found = find(id);
        if (found.isEmpty() || !isActive(found.get())) {
            return List.of();
        }
        try {
            List<String> addresses = new ArrayList<>();
            for (DomainInterface nic : found.get().interfaceAddresses(ADDRESSES_FROM_LEASES, 0)) {
                for (DomainInterface.InterfaceAddress a : nic.addrs) {
                    addresses.add(a.address.getHostAddress());
                }
            }
            return addresses;
        } catch (LibvirtException e) {
            return List.of(); // no lease yet, or no NIC: nothing known
        }
    }

    @Override
    public void destroyAndUndefine(UUID id) {
        Optional<Domain> found = find(id);
        if (found.isEmpty()) {
            return;
        }
        Domain domain = found.get();
        if (isActive(domain)) {
            act("power off", domain, d -> { d.destroy(); return 0; });
        }
        act("undefine", domain, d -> { d.undefine(UNDEFINE_MANAGED_SAVE); return 0; });
    }

    @Override
    public Optional<DomainStatus> status(UUID id) {
        return find(id).map(this::statusOf);
    }

    @Override
    public List<DomainStatus> list() {
        Domain[] domains = call("list domains", c -> c.listAllDomains(LIST_ALL));
        List<DomainStatus> result = new ArrayList<>(domains.length);
        for (Domain d : domains) {
            try {
                result.add(statusOf(d));
            } catch (NotFoundException gone) {
                // undefined between listing and reading: not there any more
            }
        }
        return result;
    }

    @Override
    public void close() {
        connection.close();
    }

    private Domain lookup(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("no domain " + id + " on " + uri()));
    }

    private Optional<Domain> find(UUID id) {
        try {
            return Optional.of(connection.call(c -> c.domainLookupByUUID(id)));
        } catch (LibvirtException e) {
            if (code(e) == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return Optional.empty();
            }
            throw translate("look up domain " + id, e);
        }
    }

    private Optional<Domain> findByName(String name) {
        try {
            return Optional.of(connection.call(c -> c.domainLookupByName(name)));
        } catch (LibvirtException e) {
            if (code(e) == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return Optional.empty();
            }
            throw translate("look up domain " + name, e);
        }
    }

    private DomainStatus statusOf(Domain domain) {
        return act("read state", domain, d -> {
            DomainInfo info = d.getInfo();
            DomainState state = map(info.state);
            if (state == DomainState.SHUTOFF && d.hasManagedSaveImage() == 1) {
                state = DomainState.SAVED;
            }
            return new DomainStatus(UUID.fromString(d.getUUIDString()), d.getName(), state);
        });
    }

    private boolean isActive(Domain domain) {
        return act("read state", domain, d -> d.isActive() == 1);
    }

    private void undefineQuietly(Domain domain) {
        try {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine(UNDEFINE_MANAGED_SAVE);
        } catch (LibvirtException ignored) {
            // best effort clean-up after a failed start; the caller reports the first error
        }
    }

    static DomainState map(DomainInfo.DomainState state) {
        return switch (state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> DomainState.RUNNING;
            case VIR_DOMAIN_PAUSED -> DomainState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> DomainState.SHUTTING_DOWN;
            case VIR_DOMAIN_SHUTOFF -> DomainState.SHUTOFF;
            case VIR_DOMAIN_CRASHED -> DomainState.CRASHED;
            case VIR_DOMAIN_PMSUSPENDED -> DomainState.SUSPENDED_TO_DISK;
            default -> DomainState.OTHER;
        };
    }

    @FunctionalInterface
    private interface DomainCall<T> {
        T apply(Domain domain) throws LibvirtException;
    }

    private <T> T act(String what, Domain domain, DomainCall<T> call) {
        try {
            return call.apply(domain);
        } catch (LibvirtException e) {
            throw translate(what, e);
        }
    }

    private <T> T call(String what, LibvirtConnection.Call<T> call) {
        try {
            return connection.call(call);
        } catch (LibvirtException e) {
            throw translate(what, e);
        }
    }

    private EmotiveException translate(String what, LibvirtException e) {
        String message = "cannot " + what + ": " + e.getMessage();
        ErrorNumber code = code(e);
        if (code == ErrorNumber.VIR_ERR_NO_DOMAIN) {
            return new NotFoundException(message);
        }
        if (code == ErrorNumber.VIR_ERR_OPERATION_TIMEOUT) {
            return new ConflictException(message + " (the guest did not answer in time; try again, or change"
                    + " the size while the VM is shut off)");
        }
        if (code == ErrorNumber.VIR_ERR_OPERATION_INVALID) {
            return new ConflictException(message);
        }
        return new HypervisorException(message, e);
    }

    private static ErrorNumber code(LibvirtException e) {
        return e.getError() == null ? null : e.getError().getCode();
    }
}
