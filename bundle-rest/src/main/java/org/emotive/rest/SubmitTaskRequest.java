package org.emotive.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import org.emotive.api.task.TaskSpec;

/** The {@code spec} part of {@code POST /tasks}. */
@Schema(name = "TaskSpec")
public record SubmitTaskRequest(
        @Schema(description = "run by sh -c in the guest; inputs in /in, outputs written to /out",
                example = "sha256sum /in/data.bin > /out/sum.txt") String command,
        @Schema(example = "busybox") String image, Integer vcpus, Integer memoryMiB,
        @Schema(description = "from the VM's start; the task is killed and failed after it", example = "600")
        Integer timeoutSeconds) {

    TaskSpec toSpec() {
        return new TaskSpec(command, image, vcpus, memoryMiB, timeoutSeconds);
    }
}
