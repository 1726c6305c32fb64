package org.emotive.api.task;

import java.time.Instant;
import java.util.UUID;

/**
 * A task as every interface returns it (API.md "Tasks"). {@code vm} names the VM that runs it
 * while it exists; {@code exitCode} is set once the command ended; {@code reason} says why a task
 * failed or was cancelled.
 */
public record Task(UUID id, String owner, TaskState state, String reason, Integer exitCode, String vm, String node,
                   TaskSpec spec, Instant submittedAt, Instant startedAt, Instant endedAt) {

    public Task withState(TaskState newState, String newReason) {
        return new Task(id, owner, newState, newReason, exitCode, vm, node, spec, submittedAt, startedAt, endedAt);
    }

    public Task started(String vmName, Instant at) {
        return new Task(id, owner, TaskState.RUNNING, reason, exitCode, vmName, node, spec, submittedAt, at, endedAt);
    }

    public Task ended(TaskState finalState, String why, Integer code, Instant at) {
        return new Task(id, owner, finalState, why, code, vm, node, spec, submittedAt, startedAt, at);
    }
}
