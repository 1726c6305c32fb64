package org.emotive.node;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.emotive.api.ConflictException;
import org.emotive.api.EmotiveException;
import org.emotive.api.InputTooLargeException;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.NotFoundException;
import org.emotive.api.ServiceUnavailableException;
import org.emotive.api.image.DiskFile;
import org.emotive.api.image.ImageState;
import org.emotive.api.model.Vm;
import org.emotive.api.model.VmSpec;
import org.emotive.api.model.VmState;
import org.emotive.api.node.NodeService;
import org.emotive.api.storage.StorageService;
import org.emotive.api.task.Task;
import org.emotive.api.task.TaskInput;
import org.emotive.api.task.TaskOutput;
import org.emotive.api.task.TaskService;
import org.emotive.api.task.TaskSpec;
import org.emotive.api.task.TaskState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Runs tasks in fresh VMs of this node's {@link NodeAgent}. A task is recorded (and its inputs
 * stored) before anything else; a worker then builds its disks, creates the VM with them, waits
 * for the guest to power off (or the timeout), removes the VM and reads the output disk.
 * A task the node left unfinished (a crash, a stop) is failed and cleaned up when it comes back.
 */
@Component(service = TaskService.class)
public class TaskAgent implements TaskService {

    static final int WORKERS = 2;
    static final int MAX_INPUTS = 256;
    private static final Logger LOG = Logger.getLogger(TaskAgent.class.getName());
    private static final long POLL_MILLIS = 500;
    private static final int RETRY_AFTER_SECONDS = 10;
    private static final long CANCEL_WAIT_SECONDS = 120;

    /** Same bundle, so the agent's package-private side (extra disks) is reachable; never another implementation. */
    @Reference(target = "(component.name=org.emotive.node.NodeAgent)")
    private NodeService nodeService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StorageService storage;

    private final Clock clock = Clock.systemUTC();
    private final Map<UUID, Future<?>> running = new ConcurrentHashMap<>();
    private final Set<UUID> cancelRequested = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();
    private NodeAgent node;
    private TaskRecordStore records;
    private ExecutorService workers;

    @Activate
    void activate() {
        node = (NodeAgent) nodeService;
        records = new TaskRecordStore(node.storageDir().resolve("tasks"));
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "emotive-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        failUnfinished();
    }

    @Deactivate
    void deactivate() {
        workers.shutdownNow(); // workers stop where they are; the next activation fails and cleans their tasks
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Task submit(String owner, TaskSpec requested, List<TaskInput> inputs) {
        TaskSpec spec = TaskSpecValidator.validate(requested);
        List<TaskInput> files = inputs == null ? List.of() : inputs;
        if (files.size() > MAX_INPUTS) {
            throw new InvalidFieldException("inputs", "at most " + MAX_INPUTS + " input files");
        }
        Set<String> names = new java.util.HashSet<>();
        for (TaskInput input : files) {
            TaskSpecValidator.requireFileName("inputs", input.name());
            if (!names.add(input.name())) {
                throw new InvalidFieldException("inputs", "input file '" + input.name() + "' is given twice");
            }
        }
        requireImage(spec.image());
        UUID id = UUID.randomUUID();
        VmSpec vmSpec = node.checked(new VmSpec(vmName(id), spec.vcpus(), spec.memoryMiB(), spec.image(),
                null, null, null, 0));
        TaskSpec sized = new TaskSpec(spec.command(), spec.image(), vmSpec.vcpus(), vmSpec.memoryMiB(),
                spec.timeoutSeconds());
        Task task = new Task(id, owner, TaskState.QUEUED, null, null, null, node.info().id(), sized, now(), null, null);
        records.put(task); // recorded first: a crash from here on leaves a task to fail and clean, never an orphan
        try {
            storeInputs(id, files);
        } catch (RuntimeException e) {
            TreeRemover.remove(records.filesOf(id));
            records.remove(id);
            throw e;
        }
        FutureTask<Void> work = new FutureTask<>(() -> run(id), null);
        running.put(id, work); // known before it runs, so that its end always finds it to remove
        workers.execute(work);
        return task;
    }

    @Override
    public long maxInputBytes() {
        return node.maxTaskInputBytes();
    }

    @Override
    public List<Task> list() {
        return records.all().stream().sorted(Comparator.comparing(Task::submittedAt)).toList();
    }

    @Override
    public Optional<Task> find(UUID id) {
        return records.get(id);
    }

    @Override
    public Task cancel(UUID id) {
        Task task = require(id);
        if (task.state().ended()) {
            throw new ConflictException("task " + id + " is " + task.state().wireName());
        }
        cancelRequested.add(id);
        try {
            boolean queued;
            synchronized (lock(id)) { // the worker leaves QUEUED under the same lock
                queued = require(id).state() == TaskState.QUEUED;
                if (queued) {
                    update(id, t -> t.ended(TaskState.CANCELLED, "cancelled before it started", null, now()));
                }
            }
            Future<?> work = running.get(id);
            if (queued) {
                // nothing of it runs: only its stored inputs to remove
                if (work != null) {
                    work.cancel(false);
                    running.remove(id);
                }
                cleanUp(id, false);
            } else if (work != null) {
                awaitWorker(id, work); // the worker sees the request, removes the VM and ends the task
            }
        } finally {
            cancelRequested.remove(id);
        }
        return require(id);
    }

    @Override
    public void delete(UUID id) {
        Task task = require(id);
        if (!task.state().ended()) {
            throw new ConflictException("task " + id + " is " + task.state().wireName() + "; cancel it first");
        }
        synchronized (lock(id)) {
            TreeRemover.remove(records.filesOf(id));
            records.remove(id);
        }
        locks.remove(id);
    }

    @Override
    public InputStream stdout(UUID id) {
        return log(results(id).stdout());
    }

    @Override
    public InputStream stderr(UUID id) {
        return log(results(id).stderr());
    }

    @Override
    public List<TaskOutput> outputs(UUID id) {
        return results(id).outputs();
    }

    @Override
    public InputStream output(UUID id, String path) {
        TaskResults results = results(id);
        if (path == null || path.isEmpty()) {
            throw new InvalidFieldException("path", "path is required");
        }
        Path file = results.outDir();
        for (String element : path.split("/", -1)) {
            file = file.resolve(TaskSpecValidator.requireFileName("path", element));
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException("task " + id + " has no output '" + path + "'");
        }
        try {
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read output " + path + " of task " + id, e);
        }
    }

    /** The worker: stage, run, collect. Every way out leaves no VM and no disk. */
    private void run(UUID id) {
        TaskDisks disks = new TaskDisks(records.filesOf(id));
        String vm = vmName(id);
        try {
            Task task;
            synchronized (lock(id)) {
                if (require(id).state() != TaskState.QUEUED) {
                    return; // cancelled before it started
                }
                task = update(id, t -> t.withState(TaskState.STAGING, null));
            }
            List<DiskFile> extra = disks.build(task.spec().command());
            if (cancelRequested.contains(id)) {
                finish(id, TaskState.CANCELLED, "cancelled while staging", null, false);
                return;
            }
            // the VM belongs to the task's owner, who sees it (and its console) while the task runs
            // no home disk: a task keeps nothing but its outputs
            node.create(task.owner(), new VmSpec(vm, task.spec().vcpus(), task.spec().memoryMiB(), task.spec().image(),
                    null, null, null, 0), extra);
            Instant started = now();
            update(id, t -> t.started(vm, started));
            Instant deadline = started.plusSeconds(task.spec().timeoutSeconds());
            String stop = awaitPowerOff(id, vm, deadline);
            removeVm(vm);
            if (stop != null) {
                finish(id, cancelRequested.contains(id) ? TaskState.CANCELLED : TaskState.FAILED, stop, null, false);
                return;
            }
            update(id, t -> t.withState(TaskState.COLLECTING, null));
            Integer exit = new TaskResults(records.filesOf(id).resolve("results")).collect(disks.outDisk());
            if (exit == null) {
                finish(id, TaskState.FAILED, "the guest stopped without an exit code (the command did not finish)",
                        null, true);
            } else if (exit != 0) {
                finish(id, TaskState.FAILED, "the command exited with " + exit, exit, true);
            } else {
                finish(id, TaskState.DONE, null, 0, true);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "task " + id + " failed", e);
            removeVm(vm);
            finish(id, TaskState.FAILED, reason(e), null, false);
        } finally {
            running.remove(id);
        }
    }

    /** {@code null} once the guest powered off; else why the task stops (timeout, cancel, VM gone). */
    private String awaitPowerOff(UUID id, String vm, Instant deadline) {
        while (true) {
            Optional<Vm> current = node.find(vm);
            if (current.isEmpty()) {
                return "the task's VM was deleted";
            }
            VmState state = current.get().state();
            if (state == VmState.SHUTOFF) {
                return null;
            }
            if (state == VmState.CRASHED || state == VmState.LOST) {
                return "the task's VM is " + state.wireName();
            }
            if (cancelRequested.contains(id)) {
                return "cancelled while running";
            }
            if (now().isAfter(deadline)) {
                return "timed out after " + require(id).spec().timeoutSeconds() + " s; the task was killed";
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the node stopped while the task was running");
            }
        }
    }

    private void finish(UUID id, TaskState state, String reason, Integer exitCode, boolean keepResults) {
        update(id, t -> t.ended(state, reason, exitCode, now()));
        cleanUp(id, keepResults);
    }

    /** Removes the task's disks and staged inputs, and its results unless they are to be kept. */
    private void cleanUp(UUID id, boolean keepResults) {
        Path dir = records.filesOf(id);
        if (keepResults) {
            new TaskDisks(dir).removeDisks();
        } else {
            TreeRemover.remove(dir);
        }
    }

    private void removeVm(String vm) {
        try {
            if (node.find(vm).isPresent()) {
                node.delete(vm);
            }
        } catch (EmotiveException e) {
            LOG.warning("cannot remove task VM " + vm + ": " + e.getMessage());
        }
    }

    /** Tasks a stopped or crashed node left unfinished: failed, their VMs and disks removed. */
    private void failUnfinished() {
        for (Task task : records.all()) {
            if (!task.state().ended()) {
                removeVm(vmName(task.id()));
                finish(task.id(), TaskState.FAILED, "the node stopped while the task was " + task.state().wireName(),
                        null, false);
                LOG.info("task " + task.id() + " left " + task.state().wireName() + " by the node: failed and cleaned up");
            }
        }
    }

    private void storeInputs(UUID id, List<TaskInput> inputs) {
        Path dir = new TaskDisks(records.filesOf(id)).inputs();
        long max = maxInputBytes();
        long total = 0;
        try {
            Files.createDirectories(dir);
            for (TaskInput input : inputs) {
                Path file = dir.resolve(input.name());
                try (InputStream in = input.content(); var out = Files.newOutputStream(file)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > max) {
                            throw new InputTooLargeException("inputs", "the input files must not exceed "
                                    + (max >> 20) + " MiB together (maxTaskInputMiB)");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidFieldException("inputs", "cannot store the input files: " + e.getMessage());
        }
    }

    private void requireImage(String name) {
        StorageService s = storage;
        if (s == null) {
            throw new ServiceUnavailableException("no storage service is available (install feature emotive-storage-local)",
                    RETRY_AFTER_SECONDS);
        }
        var image = s.image(name).orElseThrow(() -> new InvalidFieldException("image", "unknown image '" + name + "'"));
        if (image.state() != ImageState.READY) {
            throw new ConflictException("image '" + name + "' is " + image.state().wireName());
        }
    }

    private void awaitWorker(UUID id, Future<?> work) {
        try {
            work.get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("interrupted while cancelling task " + id);
        } catch (ExecutionException | CancellationException e) {
            LOG.log(Level.WARNING, "task " + id + " ended badly while cancelled", e);
        } catch (TimeoutException e) {
            throw new ConflictException("task " + id + " did not stop within " + CANCEL_WAIT_SECONDS + " s");
        }
    }

    private TaskResults results(UUID id) {
        require(id);
        return new TaskResults(records.filesOf(id).resolve("results"));
    }

    private static InputStream log(Path file) {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.newInputStream(file)
                    : new ByteArrayInputStream(new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Task update(UUID id, UnaryOperator<Task> change) {
        synchronized (lock(id)) {
            Task next = change.apply(require(id));
            records.put(next);
            return next;
        }
    }

    private Task require(UUID id) {
        return records.get(id).orElseThrow(() -> new NotFoundException("task " + id + " not found"));
    }

    private Object lock(UUID id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private static String reason(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** The task's VM: a DNS label made of the task's id. */
    static String vmName(UUID id) {
        return "task-" + id;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
