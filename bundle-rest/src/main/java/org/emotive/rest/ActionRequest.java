package org.emotive.rest;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /vms/{vm}/actions}. Fields other than {@code action} belong to some actions only. */
@Schema(name = "VmAction")
public record ActionRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"start", "shutdown", "poweroff",
                "suspend", "resume", "reboot", "resize", "checkpoint", "restore", "save", "migrate"}) String action,
        @Schema(description = "shutdown: seconds to wait for the guest to stop (default 60)") Integer timeoutSeconds,
        @Schema(description = "resize") Integer vcpus,
        @Schema(description = "resize") Integer memoryMiB,
        @Schema(description = "restore") String checkpoint,
        @Schema(description = "restore, migrate") String node,
        @Schema(description = "migrate") Boolean live,
        @Schema(description = "checkpoint: also take one every this many seconds from now on (0: stop)") Integer everySeconds,
        @Schema(description = "checkpoint: how many periodic checkpoints to keep (default 3)") Integer keep) {
}
