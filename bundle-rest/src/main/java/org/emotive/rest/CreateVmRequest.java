package org.emotive.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.model.VmSpec;

/** The body of {@code POST /vms}; ranges are checked by the node, presence here. */
@Schema(name = "VmCreate")
public record CreateVmRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[a-z][a-z0-9-]{0,62}$") String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1") Integer vcpus,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "16") Integer memoryMiB,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String image,
        Integer maxVcpus, Integer maxMemoryMiB, Integer diskGiB,
        @Schema(description = "home disk, GiB: an empty ext4 file system labelled emotive-home (0: none;"
                + " default: the node's defaultHomeGiB)", minimum = "0") Integer homeGiB) {

    VmSpec toSpec() {
        return new VmSpec(name, required("vcpus", vcpus), required("memoryMiB", memoryMiB), image,
                maxVcpus, maxMemoryMiB, diskGiB, homeGiB);
    }

    private static int required(String field, Integer value) {
        if (value == null) {
            throw new InvalidFieldException(field, field + " is required");
        }
        return value;
    }
}
