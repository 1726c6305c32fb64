package org.emotive.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.emotive.api.ConflictException;
import org.emotive.api.EmotiveException;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.NotFoundException;
import org.emotive.api.ServiceUnavailableException;
import org.emotive.api.hypervisor.DomainDefinition;
import org.emotive.api.hypervisor.DomainState;
import org.emotive.api.hypervisor.DomainStatus;
import org.emotive.api.hypervisor.HypervisorDriver;
import org.emotive.api.hypervisor.NetworkSpec;
import org.emotive.api.image.DiskFile;
import org.emotive.api.image.Image;
import org.emotive.api.image.ImageState;
import org.emotive.api.model.Checkpoint;
import org.emotive.api.model.Health;
import org.emotive.api.model.NodeInfo;
import org.emotive.api.model.NodeState;
import org.emotive.api.model.Resources;
import org.emotive.api.model.Vm;
import org.emotive.api.model.VmEvent;
import org.emotive.api.model.VmSpec;
import org.emotive.api.model.VmState;
import org.emotive.api.node.NodeService;
import org.emotive.api.storage.StorageService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The node agent (VtM). VM records live here, not in the driver, so that a driver can be
 * swapped or be absent without losing a VM: while none is present, reads answer from the
 * records and changes answer "service unavailable".
 */
@Component(service = NodeService.class, configurationPid = "org.emotive.node")
@Designate(ocd = NodeConfig.class)
public class NodeAgent implements NodeService {

    static final String DOMAIN_PREFIX = "emotive-";
    private static final Logger LOG = Logger.getLogger(NodeAgent.class.getName());
    /** Why a state changed when nobody here asked for it: the guest or an operator did it. */
    private static final String SEEN = "seen on the hypervisor";
    private static final String CHANGED_WHILE_AWAY = "changed on the hypervisor while the node was away";
    private static final int RETRY_AFTER_SECONDS = 10;

    private volatile HypervisorDriver driver;

    private volatile StorageService storage;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private final Clock clock = Clock.systemUTC();
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();
    private final Object createLock = new Object();
    /** VMs whose create or delete runs now; anything else left creating/deleting was interrupted. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private VmRecordStore records;
    private ConsoleLog consoles;
    private VmEventLog events;
    private volatile VmSpecValidator validator;
    private volatile NodeSettings settings;
    private final CheckpointStore checkpoints = new CheckpointStore();
    private final CheckpointSchedules schedules = new CheckpointSchedules();
    private final java.util.concurrent.ScheduledExecutorService scheduler =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "emotive-checkpoint-schedule");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.ExecutorService sealing = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emotive-checkpoint-seal");
        t.setDaemon(true);
        return t;
    });
    /** Why the configured network cannot be used; {@code null} when it can (or none is configured). */
    private volatile String networkProblem;

    @Activate
    void activate(NodeConfig config) {
        NodeSettings settings;
        try {
            settings = NodeSettings.from(config, hostName(), fullHostName());
        } catch (InvalidFieldException e) {
            LOG.severe("org.emotive.node: " + e.getMessage() + "; the node starts with the default configuration");
            settings = NodeSettings.defaults(hostName(), fullHostName());
        }
        this.settings = settings;
        Path storage = settings.storageDir();
        records = new VmRecordStore(storage.resolve("vms"));
        consoles = new ConsoleLog(storage.resolve("consoles"));
        events = new VmEventLog(storage.resolve("events"));
        validator = VmSpecValidator.of(settings);
        scheduler.scheduleWithFixedDelay(this::runSchedules, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
        finishInterruptedWork();
    }

    /** Periodic checkpoints stop; checkpoints being sealed get a moment to finish. */
    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        sealing.shutdown();
        sealing.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * Readies the configured network; where the host cannot run it, says so (log, health) and
     * VMs are created without a NIC rather than not at all.
     */
    private void prepareNetwork(HypervisorDriver d, NetworkSpec network) {
        if (network == null) {
            networkProblem = null;
            return;
        }
        try {
            d.ensureNetwork(network);
            networkProblem = null;
            LOG.info("network '" + network.name() + "' (" + network.mode().name().toLowerCase(java.util.Locale.ROOT)
                    + ") is ready for VMs");
        } catch (EmotiveException | IllegalArgumentException e) {
            networkProblem = "network '" + network.name() + "' is not available, VMs start without a NIC: "
                    + e.getMessage();
            LOG.severe(networkProblem);
        }
    }

    /**
     * A changed {@code etc/org.emotive.node.cfg}: taken as a whole when every value is valid,
     * else refused with a log line naming the key, and the configuration in force stays.
     */
    @Modified
    void modified(NodeConfig config) {
        try {
            NodeSettings next = NodeSettings.from(config, hostName(), fullHostName());
            if (!next.storageDir().equals(settings.storageDir())) {
                throw new InvalidFieldException("storageDir", "storageDir cannot change while the node runs"
                        + " (it holds the records of running VMs); move the files and restart the node");
            }
            validator = VmSpecValidator.of(next);
            settings = next;
            HypervisorDriver d = driver;
            if (d != null) {
                prepareNetwork(d, next.network());
            }
            LOG.info("org.emotive.node: new configuration in force");
        } catch (InvalidFieldException e) {
            LOG.severe("org.emotive.node: refused: " + e.getMessage() + "; the previous configuration stays in force");
        }
    }

    /**
     * Rebuilds the node's view when it (or its hypervisor, or its storage) comes back: finishes
     * interrupted creates and deletes, then records what changed on the hypervisor meanwhile.
     * Needs both the hypervisor and the storage: whichever arrives last triggers it.
     */
    private void finishInterruptedWork() {
        HypervisorDriver d = driver;
        StorageService s = storage;
        if (records != null && d != null && s != null) {
            prepareNetwork(d, settings.network());
            new InterruptedWork(records, consoles, events).finish(d, s, inFlight::contains);
            Map<UUID, DomainStatus> domains = d.list().stream()
                    .collect(Collectors.toMap(DomainStatus::id, Function.identity(), (a, b) -> a));
            for (Vm vm : records.all()) {
                synchronized (lock(vm.id())) {
                    refresh(vm, Optional.ofNullable(domains.get(vm.id())), CHANGED_WHILE_AWAY);
                }
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStorage(StorageService s) {
        storage = s;
        finishInterruptedWork();
    }

    void unbindStorage(StorageService s) {
        if (storage == s) {
            storage = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(HypervisorDriver d) {
        driver = d;
        finishInterruptedWork();
    }

    void unbindDriver(HypervisorDriver d) {
        if (driver == d) { // a greedy replacement binds the new driver before unbinding the old
            driver = null;
        }
    }

    @Override
    public Vm create(String owner, VmSpec requested) {
        return create(owner, requested, List.of());
    }

    /** A VM with more disks after its instance and home disks: a task's input and output disks. */
    Vm create(String owner, VmSpec requested, List<DiskFile> extraDisks) {
        VmSpec spec = validator.validate(requested);
        StorageService s = requireStorage();
        Image image = s.image(spec.image())
                .orElseThrow(() -> new InvalidFieldException("image", "unknown image '" + spec.image() + "'"));
        if (image.state() != ImageState.READY) {
            throw new ConflictException("image '" + image.name() + "' is " + image.state().wireName()
                    + (image.state() == ImageState.PENDING ? " (" + image.phase() + ", " + image.progress() + "%)" : ""));
        }
        HypervisorDriver d = requireDriver();
        Vm vm;
        synchronized (createLock) {
            if (records.byName(spec.name()).isPresent()) {
                throw new ConflictException("a VM named '" + spec.name() + "' exists already");
            }
            Instant now = now();
            vm = new Vm(UUID.randomUUID(), spec.name(), owner, VmState.CREATING, spec.vcpus(), spec.memoryMiB(),
                    spec.maxVcpus(), spec.maxMemoryMiB(), image.name(), settings.nodeId(), d.type(), List.of(), now, now, spec.homeGiB());
            inFlight.add(vm.id());
            // recorded before it runs: a crash leaves a record to clean up, not an orphan domain
            save(vm, "create requested by " + owner);
        }
        try {
            DiskFile disk = s.createInstanceDisk(vm.id(), image, spec.diskGiB()).orElse(null);
            List<DiskFile> disks = new ArrayList<>();
            if (spec.homeGiB() > 0) {
                disks.add(s.createHomeDisk(vm.id(), spec.homeGiB())); // vdb, found by its label in the guest
            }
            disks.addAll(extraDisks);
            NetworkSpec network = networkProblem == null ? settings.network() : null;
            // a kernel booted directly learns its host name from the command line (systemd and the
            // test guest read systemd.hostname=); DHCP then gives the name to the network's DNS
            String cmdline = image.bootsKernel() ? image.cmdline() + " systemd.hostname=" + vm.name() : null;
            DomainStatus status = d.createAndStart(new DomainDefinition(vm.id(), DOMAIN_PREFIX + vm.name(),
                    vm.vcpus(), vm.maxVcpus(), vm.memoryMiB(), vm.maxMemoryMiB(), image.kernel(), image.initrd(),
                    cmdline, disk, consoles.path(vm.id()), disks, network == null ? null : network.name()));
            return save(vm.withState(orElse(VmStateRules.fromDomain(status.state()), VmState.RUNNING), now()),
                    "started");
        } catch (RuntimeException e) {
            s.deleteInstanceDisk(vm.id());
            forget(vm.id());
            throw e;
        } finally {
            inFlight.remove(vm.id());
        }
    }

    /** The spec with the node's defaults, or an error naming the field; changes nothing. */
    VmSpec checked(VmSpec spec) {
        return validator.validate(spec);
    }

    /** Where the node keeps its records; tasks keep theirs beside the VMs'. */
    Path storageDir() {
        return settings.storageDir();
    }

    /** The configuration in force's {@code maxTaskInputMiB}, in bytes: it may change while the node runs. */
    long maxTaskInputBytes() {
        return settings.maxTaskInputBytes();
    }

    @Override
    public List<Vm> list() {
        HypervisorDriver d = driver;
        Map<UUID, DomainStatus> domains = d == null ? null
                : d.list().stream().collect(Collectors.toMap(DomainStatus::id, Function.identity(), (a, b) -> a));
        return records.all().stream()
                .map(vm -> refresh(vm, domains == null ? null : Optional.ofNullable(domains.get(vm.id())), SEEN))
                .sorted(Comparator.comparing(Vm::createdAt).thenComparing(Vm::name))
                .toList();
    }

    @Override
    public Optional<Vm> find(String ref) {
        return record(ref).map(this::refresh);
    }

    @Override
    public Vm start(String ref) {
        return act(ref, "start", VmStateRules.STARTABLE, (d, vm) -> d.start(vm.id()));
    }

    @Override
    public Vm shutdown(String ref, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > 3600) {
            throw new InvalidFieldException("timeoutSeconds", "timeoutSeconds must be between 1 and 3600");
        }
        Vm vm = act(ref, "shut down", VmStateRules.RUNNING, (d, v) -> d.requestShutdown(v.id()));
        return awaitState(vm, VmState.SHUTOFF, timeout);
    }

    @Override
    public Vm powerOff(String ref) {
        return act(ref, "power off", VmStateRules.POWERED, (d, vm) -> d.powerOff(vm.id()));
    }

    @Override
    public Vm suspend(String ref) {
        return act(ref, "suspend", VmStateRules.RUNNING, (d, vm) -> d.suspend(vm.id()));
    }

    @Override
    public Vm resume(String ref) {
        return act(ref, "resume", VmStateRules.RESUMABLE, (d, vm) -> {
            if (vm.state() == VmState.SAVED) {
                d.start(vm.id()); // libvirt restores the saved memory on start
            } else {
                d.resume(vm.id());
            }
        });
    }

    @Override
    public Vm save(String ref) {
        return act(ref, "save", VmStateRules.POWERED, (d, vm) -> d.saveForLater(vm.id()));
    }

    @Override
    public Vm reboot(String ref) {
        return act(ref, "reboot", VmStateRules.RUNNING, (d, vm) -> d.reboot(vm.id()));
    }

    @Override
    public Checkpoint checkpoint(String ref) {
        HypervisorDriver d = requireDriver();
        StorageService s = requireStorage();
        Vm vm = require(ref);
        synchronized (lock(vm.id())) {
            Vm current = refresh(records.get(vm.id()).orElseThrow(() -> notFound(ref)));
            VmStateRules.require(current, "checkpoint", VmStateRules.POWERED);
            UUID id = UUID.randomUUID();
            Path dir = checkpoints.dir(s.vmDir(vm.id()), id);
            Optional<DiskFile> disk = s.instanceDisk(vm.id());
            Optional<DiskFile> home = s.homeDisk(vm.id());
            checkpoints.begin(dir, new CheckpointStore.Manifest(id, vm.id(), vm.name(), now(), settings.nodeId(),
                    vm.image(), current.vcpus(), current.memoryMiB(), current.maxVcpus(), current.maxMemoryMiB(),
                    disk.isPresent(), 0, 0, null, null, home.isPresent(), 0, null, vm.owner(), vm.homeGiB()));
            inFlight.add(vm.id()); // stopped for a moment on purpose: not a state change to record
            try {
                d.saveState(vm.id(), dir.resolve(CheckpointStore.MEMORY));
                try {
                    if (disk.isPresent()) {
                        java.nio.file.Files.copy(disk.get().path(), dir.resolve(CheckpointStore.DISK));
                    }
                    if (home.isPresent()) {
                        java.nio.file.Files.copy(home.get().path(), dir.resolve(CheckpointStore.HOME));
                    }
                } finally {
                    d.restoreState(dir.resolve(CheckpointStore.MEMORY));
                    if (current.state() == VmState.PAUSED) {
                        d.suspend(vm.id());
                    }
                }
            } catch (java.io.IOException e) {
                checkpoints.delete(dir);
                throw new java.io.UncheckedIOException("cannot copy the disks of VM '" + vm.name() + "'", e);
            } catch (RuntimeException e) {
                checkpoints.delete(dir);
                throw e;
            } finally {
                inFlight.remove(vm.id());
            }
            // checksums after the guest runs again: the guest waits for the copy, not for the hashing
            sealing.submit(() -> {
                try {
                    checkpoints.seal(dir);
                } catch (RuntimeException e) {
                    LOG.warning("checkpoint " + id + " of VM '" + vm.name() + "' could not be sealed: " + e.getMessage());
                }
            });
            record(current, new VmEvent(now(), current.state(), current.state(), "checkpoint " + id + " taken"));
            return checkpoints.read(dir).orElseThrow().toCheckpoint();
        }
    }

    @Override
    public void scheduleCheckpoints(String ref, Duration every, int keep) {
        Vm vm = require(ref);
        Path vmDir = requireStorage().vmDir(vm.id());
        if (every.isZero()) {
            schedules.remove(vmDir);
            return;
        }
        if (every.compareTo(CheckpointSchedules.MIN_EVERY) < 0 || every.compareTo(CheckpointSchedules.MAX_EVERY) > 0) {
            throw new InvalidFieldException("everySeconds", "everySeconds must be 0 (stop) or between "
                    + CheckpointSchedules.MIN_EVERY.toSeconds() + " and " + CheckpointSchedules.MAX_EVERY.toSeconds());
        }
        if (keep < 1 || keep > CheckpointSchedules.MAX_KEEP) {
            throw new InvalidFieldException("keep", "keep must be between 1 and " + CheckpointSchedules.MAX_KEEP);
        }
        schedules.write(vmDir, new CheckpointSchedules.Schedule(every.toSeconds(), keep));
    }

    /** Takes the checkpoints schedules ask for, and prunes each VM's oldest beyond what it keeps. */
    private void runSchedules() {
        StorageService s = storage;
        if (s == null || driver == null || records == null) {
            return;
        }
        for (Vm vm : records.all()) {
            Path vmDir = s.vmDir(vm.id());
            schedules.read(vmDir).ifPresent(schedule -> {
                try {
                    List<Checkpoint> taken = checkpoints.list(vmDir);
                    boolean due = taken.isEmpty()
                            || taken.get(taken.size() - 1).createdAt().plus(schedule.every()).isBefore(now());
                    if (due && (vm.state() == VmState.RUNNING || vm.state() == VmState.PAUSED)) {
                        checkpoint(vm.id().toString());
                        taken = checkpoints.list(vmDir);
                    }
                    for (int i = 0; i < taken.size() - schedule.keep(); i++) {
                        checkpoints.delete(checkpoints.dir(vmDir, taken.get(i).id()));
                    }
                } catch (RuntimeException e) {
                    LOG.warning("periodic checkpoint of VM '" + vm.name() + "' failed: " + e.getMessage());
                }
            });
        }
    }

    @Override
    public List<Checkpoint> checkpoints(String ref) {
        Vm vm = require(ref);
        return checkpoints.list(requireStorage().vmDir(vm.id()));
    }

    @Override
    public Vm restore(String ref, String checkpointId) {
        HypervisorDriver d = requireDriver();
        StorageService s = requireStorage();
        Vm vm = require(ref);
        UUID id = parseCheckpointId(checkpointId);
        synchronized (lock(vm.id())) {
            Vm current = refresh(records.get(vm.id()).orElseThrow(() -> notFound(ref)));
            VmStateRules.require(current, "restore", VmStateRules.RESTORABLE);
            Path dir = checkpoints.dir(s.vmDir(vm.id()), id);
            if (checkpoints.read(dir).isEmpty()) {
                throw new NotFoundException("VM '" + vm.name() + "' has no checkpoint " + id);
            }
            // checked whole before anything changes: a damaged checkpoint leaves the VM as it is
            CheckpointStore.Manifest manifest = checkpoints.verified(dir, id.toString());
            inFlight.add(vm.id());
            try {
                if (current.state() == VmState.RUNNING || current.state() == VmState.PAUSED) {
                    d.powerOff(vm.id());
                }
                Optional<DiskFile> disk = s.instanceDisk(vm.id());
                Optional<DiskFile> home = s.homeDisk(vm.id());
                DiskSwap.runAll(List.of(
                        new DiskSwap(disk.map(DiskFile::path).orElse(null),
                                manifest.hasDisk() ? dir.resolve(CheckpointStore.DISK) : null),
                        new DiskSwap(home.map(DiskFile::path).orElse(null),
                                manifest.hasHome() ? dir.resolve(CheckpointStore.HOME) : null)),
                        () -> d.restoreState(dir.resolve(CheckpointStore.MEMORY)));
            } finally {
                inFlight.remove(vm.id());
            }
            Vm restored = current.withSizes(manifest.vcpus(), manifest.memoryMiB(), now());
            records.put(restored);
            record(restored, new VmEvent(now(), current.state(), current.state(), "restoring checkpoint " + id));
            return refresh(restored, d.status(vm.id()), "checkpoint " + id + " restored");
        }
    }

    private static UUID parseCheckpointId(String checkpointId) {
        if (checkpointId == null || checkpointId.isBlank()) {
            throw new InvalidFieldException("checkpoint", "checkpoint (its id) is required");
        }
        try {
            return UUID.fromString(checkpointId);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("checkpoint", "checkpoint must be a checkpoint id (a UUID)");
        }
    }

    @Override
    public Vm resize(String ref, Integer vcpus, Integer memoryMiB) {
        if (vcpus == null && memoryMiB == null) {
            throw new InvalidFieldException("vcpus", "resize needs vcpus, memoryMiB or both");
        }
        HypervisorDriver d = requireDriver();
        Vm vm = require(ref);
        synchronized (lock(vm.id())) {
            Vm current = refresh(records.get(vm.id()).orElseThrow(() -> notFound(ref)));
            VmStateRules.require(current, "resize", VmStateRules.RESIZABLE);
            int newVcpus = vcpus == null ? current.vcpus() : vcpus;
            int newMemory = memoryMiB == null ? current.memoryMiB() : memoryMiB;
            validator.requireSizesWithin(current, newVcpus, newMemory);
            d.resize(current.id(), newVcpus, newMemory);
            Vm resized = current.withSizes(newVcpus, newMemory, now());
            records.put(resized);
            record(resized, new VmEvent(resized.updatedAt(), current.state(), resized.state(),
                    "resized to " + newVcpus + " vCPU(s) and " + newMemory + " MiB"));
            return resized;
        }
    }

    @Override
    public void delete(String ref) {
        Vm vm = require(ref);
        HypervisorDriver d = requireDriver();
        StorageService s = requireStorage();
        synchronized (lock(vm.id())) {
            inFlight.add(vm.id());
            try {
                save(vm.withState(VmState.DELETING, now()), "delete requested");
                d.destroyAndUndefine(vm.id());
                s.deleteInstanceDisk(vm.id());
                forget(vm.id());
                locks.remove(vm.id());
            } finally {
                inFlight.remove(vm.id());
            }
        }
    }

    @Override
    public List<VmEvent> events(String ref) {
        return events.read(require(ref).id());
    }

    @Override
    public String console(String ref, int lines) {
        if (lines < 1 || lines > 10_000) {
            throw new InvalidFieldException("tail", "tail must be between 1 and 10000");
        }
        return consoles.tail(require(ref).id(), lines);
    }

    @Override
    public NodeInfo info() {
        HypervisorDriver d = driver;
        List<Vm> vms = list();
        int usedVcpus = 0;
        long usedMemory = 0;
        for (Vm vm : vms) {
            if (vm.state() == VmState.RUNNING || vm.state() == VmState.PAUSED) {
                usedVcpus += vm.vcpus();
                usedMemory += vm.memoryMiB();
            }
        }
        Resources capacity = d == null ? new Resources(0, 0) : d.capacity();
        return new NodeInfo(settings.nodeId(), settings.address(), d == null ? NodeState.DOWN : NodeState.UP,
                d == null ? null : d.type(), capacity, new Resources(usedVcpus, usedMemory), vms.size());
    }

    @Override
    public Health health() {
        List<String> problems = new java.util.ArrayList<>();
        boolean up = true;
        if (driver == null) {
            problems.add("no hypervisor driver on node " + settings.nodeId() + " (install feature emotive-kvm)");
            up = false;
        }
        if (storage == null) {
            problems.add("no storage on node " + settings.nodeId() + " (install feature emotive-storage-local)");
            up = false;
        }
        String network = networkProblem;
        if (network != null) {
            problems.add(network); // degraded, still up: VMs start without a NIC
        }
        return new Health(up, problems);
    }

    @FunctionalInterface
    private interface DriverAction {
        void apply(HypervisorDriver driver, Vm vm);
    }

    private Vm act(String ref, String action, java.util.Set<VmState> allowed, DriverAction call) {
        HypervisorDriver d = requireDriver();
        Vm vm = require(ref);
        synchronized (lock(vm.id())) {
            Vm current = refresh(records.get(vm.id()).orElseThrow(() -> notFound(ref)));
            VmStateRules.require(current, action, allowed);
            call.apply(d, current);
            return refresh(current, d.status(current.id()), action + " requested");
        }
    }

    private Vm awaitState(Vm vm, VmState wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Vm current = vm;
        while (current.state() != wanted) {
            if (System.nanoTime() > deadline) {
                throw new ConflictException("VM '" + vm.name() + "' did not stop within " + timeout.toSeconds()
                        + " s; it is " + current.state().wireName());
            }
            sleep(requireDriver().pollInterval());
            Vm record = records.get(vm.id()).orElseThrow(() -> notFound(vm.name()));
            current = refresh(record, requireDriver().status(vm.id()), "the guest shut down as asked");
        }
        return current;
    }

    /** The record with the state the hypervisor reports now; saved when it changed. */
    private Vm refresh(Vm vm) {
        HypervisorDriver d = driver;
        return d == null ? vm : refresh(vm, d.status(vm.id()), SEEN);
    }

    /** {@code domain == null}: no driver to ask, keep the record as it is. */
    private Vm refresh(Vm vm, Optional<DomainStatus> domain, String reason) {
        if (domain == null || vm.state() == VmState.CREATING || vm.state() == VmState.DELETING
                || inFlight.contains(vm.id()) && !Thread.holdsLock(lock(vm.id()))) {
            return vm;
        }
        VmState now = domain.map(s -> VmStateRules.fromDomain(s.state())).orElse(VmState.LOST);
        Vm current = vm;
        if (now != null && now != vm.state()) {
            current = save(vm.withState(now, now()), domain.isEmpty() ? "the domain is gone from the hypervisor" : reason);
        }
        return withAddresses(current);
    }

    /** A running VM's leased addresses, kept in its record when they change. */
    private Vm withAddresses(Vm vm) {
        HypervisorDriver d = driver;
        if (d == null || settings.network() == null && vm.addresses().isEmpty()) {
            return vm;
        }
        List<String> addresses = vm.state() == VmState.RUNNING || vm.state() == VmState.PAUSED
                ? d.addresses(vm.id()) : List.of();
        if (addresses.equals(vm.addresses())) {
            return vm;
        }
        Vm updated = vm.withAddresses(addresses, now());
        records.put(updated);
        return updated;
    }

    /** Stores the record and, when its state changed, the change in the VM's history. */
    private Vm save(Vm vm, String reason) {
        VmState before = records.get(vm.id()).map(Vm::state).orElse(null);
        records.put(vm);
        if (before != vm.state()) {
            record(vm, new VmEvent(vm.updatedAt(), before, vm.state(), reason));
        }
        return vm;
    }

    /** Keeps the change in the VM's history and posts it to EventAdmin, when one runs. */
    private void record(Vm vm, VmEvent event) {
        events.append(vm.id(), event);
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            Map<String, Object> properties = new java.util.HashMap<>();
            properties.put(EVENT_VM_ID, vm.id().toString());
            properties.put(EVENT_VM_NAME, vm.name());
            properties.put(EVENT_VM_OWNER, vm.owner());
            properties.put(EVENT_NODE, vm.node());
            if (event.from() != null) {
                properties.put(EVENT_FROM, event.from().wireName());
            }
            properties.put(EVENT_TO, event.to().wireName());
            properties.put(EVENT_REASON, event.reason());
            properties.put(EventConstants.TIMESTAMP, event.at().toEpochMilli());
            admin.postEvent(new Event(TOPIC_VM_CHANGED, properties));
        }
    }

    /** Removes every trace of a VM on this node but its domain. */
    private void forget(UUID id) {
        consoles.delete(id);
        events.delete(id);
        records.remove(id);
    }

    private Optional<Vm> record(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        try {
            return records.get(UUID.fromString(ref));
        } catch (IllegalArgumentException notAnId) {
            return records.byName(ref);
        }
    }

    private Vm require(String ref) {
        return record(ref).orElseThrow(() -> notFound(ref));
    }

    private static NotFoundException notFound(String ref) {
        return new NotFoundException("VM '" + ref + "' not found");
    }

    private HypervisorDriver requireDriver() {
        HypervisorDriver d = driver;
        if (d == null) {
            throw new ServiceUnavailableException("no hypervisor driver is available on node " + settings.nodeId()
                    + " (install feature emotive-kvm)", RETRY_AFTER_SECONDS);
        }
        return d;
    }

    private StorageService requireStorage() {
        StorageService s = storage;
        if (s == null) {
            throw new ServiceUnavailableException("no storage service is available on node " + settings.nodeId()
                    + " (install feature emotive-storage-local)", RETRY_AFTER_SECONDS);
        }
        return s;
    }

    private Object lock(UUID id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("interrupted while waiting for the VM");
        }
    }

    private static String fullHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The host's name as a DNS label: the default node id. */
    private static String hostName() {
        String label = fullHostName().toLowerCase(java.util.Locale.ROOT).split("\\.")[0].replaceAll("[^a-z0-9-]", "-");
        label = label.replaceAll("^-+|-+$", "");
        return label.isEmpty() ? "localhost" : label.substring(0, Math.min(63, label.length()));
    }
}
