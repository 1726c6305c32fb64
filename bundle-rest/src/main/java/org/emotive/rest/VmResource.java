package org.emotive.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.NotFoundException;
import org.emotive.api.model.Checkpoint;
import org.emotive.api.model.Vm;
import org.emotive.api.model.VmEvent;
import org.emotive.api.model.VmState;
import org.emotive.api.node.NodeService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code /vms}: create, list, inspect, act on and delete VMs. Someone else's VM is "not found". */
@Path("vms")
@Produces(MediaType.APPLICATION_JSON)
@Component(service = Object.class, property = RestApplication.RESOURCE + "=true")
public class VmResource {

    private static final String JSON_UTF8 = MediaType.APPLICATION_JSON + "; charset=utf-8";
    private static final int DEFAULT_SHUTDOWN_SECONDS = 60;
    private static final int DEFAULT_KEPT_CHECKPOINTS = 3;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NodeService node;

    private volatile IdempotencyKeys idempotencyKeys = new IdempotencyKeys();

    /** Keys in this bundle's data folder, so that a retry after a container restart finds them. */
    @Activate
    void activate(BundleContext context) {
        idempotencyKeys = IdempotencyKeys.inDataFolder(context, "idempotency-keys-vms.json");
    }

    @GET
    @Operation(summary = "List VMs", responses = @ApiResponse(responseCode = "200", description = "{\"items\": [VM]}"))
    public Response list(@Context SecurityContext security,
                         @QueryParam("state") String state, @QueryParam("node") String nodeId,
                         @QueryParam("owner") String owner) {
        Caller caller = Caller.of(security);
        VmState wanted = state == null ? null : parseState(state);
        List<VmJson> items = NodeAgentMissing.require(node).list().stream()
                .filter(vm -> caller.maySee(vm.owner()))
                .filter(vm -> wanted == null || vm.state() == wanted)
                .filter(vm -> nodeId == null || nodeId.equals(vm.node()))
                .filter(vm -> owner == null || owner.equals(vm.owner()))
                .map(VmJson::of)
                .toList();
        return Response.ok(Json.write(Map.of("items", items)), JSON_UTF8).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create and start a VM",
            requestBody = @RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateVmRequest.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "created and started",
                        content = @Content(schema = @Schema(implementation = VmJson.class))),
                @ApiResponse(responseCode = "400", description = "invalid field",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @ApiResponse(responseCode = "409", description = "a VM of that name exists"),
                @ApiResponse(responseCode = "503", description = "no hypervisor driver")})
    public Response create(@Context SecurityContext security, @Context UriInfo uri,
                           @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
                           @Parameter(description = "the same key returns the same VM, never a second one")
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                           @Parameter(hidden = true) InputStream body) {
        CreateVmRequest request = JsonBody.read(type, body, CreateVmRequest.class);
        NodeService n = NodeAgentMissing.require(node);
        String owner = Caller.of(security).name();
        Vm vm = idempotencyKey == null ? n.create(owner, request.toSpec())
                : idempotencyKeys.createOnce(owner, idempotencyKey, n::find, () -> n.create(owner, request.toSpec()));
        return Response.created(uri.getBaseUriBuilder().path("vms").path(vm.id().toString()).build())
                .type(JSON_UTF8).entity(Json.write(VmJson.of(vm))).build();
    }

    @GET
    @Path("{vm}")
    @Operation(summary = "One VM, by id or name",
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VmJson.class))))
    public Response get(@Context SecurityContext security, @PathParam("vm") String ref) {
        return ok(visible(security, ref));
    }

    @DELETE
    @Path("{vm}")
    @Operation(summary = "Delete a VM with its domain and files", responses = @ApiResponse(responseCode = "204"))
    public Response delete(@Context SecurityContext security, @PathParam("vm") String ref) {
        Vm vm = visible(security, ref);
        NodeAgentMissing.require(node).delete(vm.id().toString());
        return Response.noContent().build();
    }

    @POST
    @Path("{vm}/actions")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Act on a VM: start, shutdown, poweroff, suspend, resume, reboot, resize, save, restore;"
            + " checkpoint answers 202 with the checkpoint",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ActionRequest.class))),
            responses = {
                @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VmJson.class))),
                @ApiResponse(responseCode = "409", description = "not allowed in the VM's state")})
    public Response act(@Context SecurityContext security, @Context UriInfo uri, @PathParam("vm") String ref,
                        @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
                        @Parameter(hidden = true) InputStream body) {
        ActionRequest request = JsonBody.read(type, body, ActionRequest.class);
        if (request.action() == null) {
            throw new InvalidFieldException("action", "action is required");
        }
        NodeService n = NodeAgentMissing.require(node);
        String id = visible(security, ref).id().toString();
        if ("checkpoint".equals(request.action())) {
            if (request.everySeconds() != null && request.everySeconds() == 0) {
                n.scheduleCheckpoints(id, Duration.ZERO, 0); // only stops the periodic checkpoints
                return ok(n.find(id).orElseThrow(() -> new NotFoundException("VM '" + ref + "' not found")));
            }
            if (request.everySeconds() != null) {
                n.scheduleCheckpoints(id, Duration.ofSeconds(request.everySeconds()),
                        request.keep() == null ? DEFAULT_KEPT_CHECKPOINTS : request.keep());
            } else if (request.keep() != null) {
                throw new InvalidFieldException("keep", "keep goes with everySeconds");
            }
            Checkpoint c = n.checkpoint(id);
            return Response.accepted(Json.write(checkpoint(c))).type(JSON_UTF8)
                    .location(uri.getBaseUriBuilder().path("vms").path(id).path("checkpoints").path(c.id().toString())
                            .build()).build();
        }
        Vm vm = switch (request.action()) {
            case "start" -> n.start(id);
            case "shutdown" -> n.shutdown(id, Duration.ofSeconds(request.timeoutSeconds() == null
                    ? DEFAULT_SHUTDOWN_SECONDS : request.timeoutSeconds()));
            case "poweroff" -> n.powerOff(id);
            case "suspend" -> n.suspend(id);
            case "resume" -> n.resume(id);
            case "reboot" -> n.reboot(id);
            case "resize" -> n.resize(id, request.vcpus(), request.memoryMiB());
            case "save" -> n.save(id);
            case "restore" -> {
                String here = n.info().id();
                if (request.node() != null && !request.node().equals(here)) {
                    // the manifest is made for it, but a second node needs shared storage and the control plane
                    throw new ProblemException(Problem.of(422, "unsatisfiable", "No node can do this",
                            "node '" + request.node() + "' is not known here; this node (" + here
                                    + ") is the only one, and it restores its own checkpoints"));
                }
                yield n.restore(id, request.checkpoint());
            }
            case "migrate" -> throw new InvalidFieldException("action",
                    "action '" + request.action() + "' is not available on this node yet");
            default -> throw new InvalidFieldException("action", "unknown action '" + request.action()
                    + "'; one of start, shutdown, poweroff, suspend, resume, reboot, resize, save, checkpoint, restore");
        };
        return ok(vm);
    }

    @GET
    @Path("{vm}/events")
    @Operation(summary = "The VM's state history, oldest first",
            responses = @ApiResponse(responseCode = "200", description = "{\"items\": [{at, from, to, reason}]}"))
    public Response events(@Context SecurityContext security, @PathParam("vm") String ref) {
        Vm vm = visible(security, ref);
        List<Map<String, Object>> items = NodeAgentMissing.require(node).events(vm.id().toString()).stream()
                .map(VmResource::event).toList();
        return Response.ok(Json.write(Map.of("items", items)), JSON_UTF8).build();
    }

    @GET
    @Path("{vm}/checkpoints")
    @Operation(summary = "The VM's checkpoints, oldest first",
            responses = @ApiResponse(responseCode = "200", description = "{\"items\": [{id, createdAt, sizeBytes, node, sealed}]}"))
    public Response checkpoints(@Context SecurityContext security, @PathParam("vm") String ref) {
        Vm vm = visible(security, ref);
        List<Map<String, Object>> items = NodeAgentMissing.require(node).checkpoints(vm.id().toString()).stream()
                .map(VmResource::checkpoint).toList();
        return Response.ok(Json.write(Map.of("items", items)), JSON_UTF8).build();
    }

    @GET
    @Path("{vm}/checkpoints/{checkpoint}")
    @Operation(summary = "One checkpoint of the VM")
    public Response checkpoint(@Context SecurityContext security, @PathParam("vm") String ref,
                               @PathParam("checkpoint") String checkpointId) {
        Vm vm = visible(security, ref);
        return NodeAgentMissing.require(node).checkpoints(vm.id().toString()).stream()
                .filter(c -> c.id().toString().equals(checkpointId)).findFirst()
                .map(c -> Response.ok(Json.write(checkpoint(c)), JSON_UTF8).build())
                .orElseThrow(() -> new NotFoundException("VM '" + ref + "' has no checkpoint " + checkpointId));
    }

    private static Map<String, Object> checkpoint(Checkpoint c) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", c.id().toString());
        m.put("createdAt", c.createdAt());
        m.put("sizeBytes", c.sizeBytes());
        m.put("node", c.node());
        m.put("image", c.image());
        m.put("vcpus", c.vcpus());
        m.put("memoryMiB", c.memoryMiB());
        m.put("sealed", c.sealed());
        return m;
    }

    private static Map<String, Object> event(VmEvent e) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("at", e.at());
        m.put("from", e.from() == null ? null : e.from().wireName());
        m.put("to", e.to().wireName());
        m.put("reason", e.reason());
        return m;
    }

    @GET
    @Path("{vm}/console")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The last lines of the VM's serial console")
    public Response console(@Context SecurityContext security, @PathParam("vm") String ref,
                            @QueryParam("tail") @DefaultValue("200") String tail) {
        int lines;
        try {
            lines = Integer.parseInt(tail);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("tail", "tail must be a whole number between 1 and 10000");
        }
        Vm vm = visible(security, ref);
        return Response.ok(NodeAgentMissing.require(node).console(vm.id().toString(), lines),
                MediaType.TEXT_PLAIN + "; charset=utf-8").build();
    }

    /** The VM if it exists and the caller may see it; otherwise the same "not found" either way. */
    private Vm visible(SecurityContext security, String ref) {
        return NodeAgentMissing.require(node).find(ref)
                .filter(vm -> Caller.of(security).maySee(vm.owner()))
                .orElseThrow(() -> new NotFoundException("VM '" + ref + "' not found"));
    }

    private static Response ok(Vm vm) {
        return Response.ok(Json.write(VmJson.of(vm)), JSON_UTF8).build();
    }

    private static VmState parseState(String state) {
        try {
            VmState s = VmState.fromWire(state);
            if (s.wireName().equals(state)) {
                return s;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new InvalidFieldException("state", "unknown state '" + state + "'");
    }
}
