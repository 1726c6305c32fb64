package org.emotive.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.emotive.api.model.Vm;

/** A VM on the wire (API.md "A VM as returned everywhere"). */
@Schema(name = "VM")
public record VmJson(String id, String name, String owner,
                     @Schema(allowableValues = {"creating", "running", "paused", "shutoff", "saved", "migrating",
                             "crashed", "lost", "deleting"}) String state,
                     int vcpus, int memoryMiB, int maxVcpus, int maxMemoryMiB, String image, String node,
                     String hypervisor, List<String> addresses, Instant createdAt, Instant updatedAt,
                     @Schema(description = "home disk, GiB (0: none)") int homeGiB) {

    static VmJson of(Vm vm) {
        return new VmJson(vm.id().toString(), vm.name(), vm.owner(), vm.state().wireName(), vm.vcpus(),
                vm.memoryMiB(), vm.maxVcpus(), vm.maxMemoryMiB(), vm.image(), vm.node(), vm.hypervisor(),
                vm.addresses(), vm.createdAt(), vm.updatedAt(), vm.homeGiB());
    }
}
