package org.emotive.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.emotive.api.task.Task;

/** A task on the wire (API.md "Tasks"). */
@Schema(name = "Task")
public record TaskJson(String id, String owner,
                       @Schema(allowableValues = {"queued", "staging", "running", "collecting", "done", "failed",
                               "cancelled"}) String state,
                       String reason, Integer exitCode, String vm, String node, String command, String image,
                       Integer vcpus, Integer memoryMiB, Integer timeoutSeconds,
                       Instant submittedAt, Instant startedAt, Instant endedAt) {

    static TaskJson of(Task t) {
        return new TaskJson(t.id().toString(), t.owner(), t.state().wireName(), t.reason(), t.exitCode(), t.vm(),
                t.node(), t.spec().command(), t.spec().image(), t.spec().vcpus(), t.spec().memoryMiB(),
                t.spec().timeoutSeconds(), t.submittedAt(), t.startedAt(), t.endedAt());
    }
}
