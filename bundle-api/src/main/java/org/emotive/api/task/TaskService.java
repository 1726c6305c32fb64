package org.emotive.api.task;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs tasks on this node: each in a fresh VM that gets its inputs on a disk at boot, runs the
 * command at the start of its life and powers off; exit code, stdout, stderr and {@code /out}
 * files are collected and the VM removed. Callers check ownership.
 * Errors are {@link org.emotive.api.EmotiveException}s: invalid field or input too large
 * (nothing left behind), not found, conflict with the task's state, service unavailable.
 */
@ProviderType
public interface TaskService {

    /** Validates and records the task, stores its inputs and returns it {@code queued}; it runs in the background. */
    Task submit(String owner, TaskSpec spec, List<TaskInput> inputs);

    /**
     * The most bytes the input files of one task may hold together (the node's configured limit);
     * {@link #submit} refuses more with an {@link org.emotive.api.InputTooLargeException} naming
     * {@code inputs}, so a front end can refuse a larger upload before receiving it.
     */
    long maxInputBytes();

    List<Task> list();

    Optional<Task> find(UUID id);

    /** Stops a task that has not ended (state {@code cancelled}, its VM and disks removed). */
    Task cancel(UUID id);

    /** Removes an ended task with its outputs; a conflict while it has not ended. */
    void delete(UUID id);

    /** What the command wrote to stdout (capped); empty until the task is collected. */
    InputStream stdout(UUID id);

    /** What the command wrote to stderr (capped); empty until the task is collected. */
    InputStream stderr(UUID id);

    /** The files the task left in {@code /out}. */
    List<TaskOutput> outputs(UUID id);

    /** One output file by its {@link TaskOutput#path}. */
    InputStream output(UUID id, String path);
}
