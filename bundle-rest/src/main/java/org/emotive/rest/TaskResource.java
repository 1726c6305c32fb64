package org.emotive.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.NotFoundException;
import org.emotive.api.ServiceUnavailableException;
import org.emotive.api.task.Task;
import org.emotive.api.task.TaskInput;
import org.emotive.api.task.TaskService;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /tasks}: submit a command with input files (multipart), follow it, read its stdout and
 * output files, cancel or remove it. Someone else's task is "not found".
 */
@Path("tasks")
@Produces(MediaType.APPLICATION_JSON)
@Component(service = Object.class, property = RestApplication.RESOURCE + "=true")
public class TaskResource {

    static final String SPEC_PART = "spec";
    private static final String JSON_UTF8 = MediaType.APPLICATION_JSON + "; charset=utf-8";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TaskService tasks;

    private volatile IdempotencyKeys idempotencyKeys = new IdempotencyKeys();

    /** Keys in this bundle's data folder, so that a retry after a container restart finds them. */
    @Activate
    void activate(BundleContext context) {
        idempotencyKeys = IdempotencyKeys.inDataFolder(context, "idempotency-keys-tasks.json");
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Submit a task: a 'spec' part (JSON) and one part per input file, named by its filename",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                    schema = @Schema(implementation = TaskSubmissionForm.class))),
            responses = {
                @ApiResponse(responseCode = "202", description = "accepted: the task is queued",
                        content = @Content(schema = @Schema(implementation = TaskJson.class))),
                @ApiResponse(responseCode = "400", description = "invalid field (spec, command, image, timeoutSeconds, inputs)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @ApiResponse(responseCode = "413", description = "field inputs: the input files exceed the node's"
                        + " maxTaskInputMiB; a body larger than that plus 2 MiB is refused before it is read",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))})
    @BoundedTaskUpload
    public Response submit(@Context SecurityContext security, @Context UriInfo uri,
                           @Parameter(description = "the same key returns the same task, never a second one")
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                           @Parameter(hidden = true) FormDataMultiPart form) {
        try {
            TaskService t = require();
            SubmitTaskRequest spec = spec(form);
            List<TaskInput> inputs = inputs(form);
            String owner = Caller.of(security).name();
            Task task = idempotencyKey == null ? t.submit(owner, spec.toSpec(), inputs)
                    : idempotencyKeys.createOnce(owner, idempotencyKey, id -> t.find(UUID.fromString(id)),
                            () -> t.submit(owner, spec.toSpec(), inputs), k -> k.id().toString());
            return Response.accepted(Json.write(TaskJson.of(task))).type(JSON_UTF8)
                    .location(uri.getBaseUriBuilder().path("tasks").path(task.id().toString()).build()).build();
        } finally {
            if (form != null) {
                form.cleanup(); // the parts buffered in temporary files
            }
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response notMultipart() {
        throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "a task is submitted as multipart/form-data: a 'spec' part and one part per input file"));
    }

    @GET
    @Operation(summary = "List tasks", responses = @ApiResponse(responseCode = "200", description = "{\"items\": [Task]}"))
    public Response list(@Context SecurityContext security) {
        Caller caller = Caller.of(security);
        List<TaskJson> items = require().list().stream().filter(t -> caller.maySee(t.owner())).map(TaskJson::of).toList();
        return Response.ok(Json.write(Map.of("items", items)), JSON_UTF8).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One task", responses = @ApiResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = TaskJson.class))))
    public Response get(@Context SecurityContext security, @PathParam("id") String id) {
        return Response.ok(Json.write(TaskJson.of(visible(security, id))), JSON_UTF8).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Cancel a task that has not ended (200, the task), or remove an ended one with its outputs (204)")
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        Task task = visible(security, id);
        if (task.state().ended()) {
            require().delete(task.id());
            return Response.noContent().build();
        }
        return Response.ok(Json.write(TaskJson.of(require().cancel(task.id()))), JSON_UTF8).build();
    }

    @GET
    @Path("{id}/{stream: stdout|stderr}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "What the command wrote to stdout or stderr")
    public Response log(@Context SecurityContext security, @PathParam("id") String id,
                        @PathParam("stream") String stream) {
        TaskService t = require();
        UUID task = visible(security, id).id();
        return Response.ok(stream.equals("stdout") ? t.stdout(task) : t.stderr(task),
                MediaType.TEXT_PLAIN + "; charset=utf-8").build();
    }

    @GET
    @Path("{id}/outputs")
    @Operation(summary = "The files the task left in /out", responses = @ApiResponse(responseCode = "200",
            description = "{\"items\": [{path, sizeBytes}]}"))
    public Response outputs(@Context SecurityContext security, @PathParam("id") String id) {
        return Response.ok(Json.write(Map.of("items", require().outputs(visible(security, id).id()))), JSON_UTF8).build();
    }

    @GET
    @Path("{id}/outputs/{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "One file the task left in /out")
    public Response output(@Context SecurityContext security, @PathParam("id") String id,
                           @PathParam("path") String path) {
        InputStream content = require().output(visible(security, id).id(), path);
        return Response.ok(content, MediaType.APPLICATION_OCTET_STREAM).build();
    }

    private static SubmitTaskRequest spec(FormDataMultiPart form) {
        List<FormDataBodyPart> parts = form == null ? null : form.getFields(SPEC_PART);
        if (parts == null || parts.isEmpty()) {
            throw new InvalidFieldException(SPEC_PART, "a 'spec' part with the task as JSON is required");
        }
        if (parts.size() > 1) {
            throw new InvalidFieldException(SPEC_PART, "exactly one 'spec' part is allowed");
        }
        // the spec is JSON whatever the client called its part's type
        return JsonBody.read(MediaType.APPLICATION_JSON_TYPE, parts.get(0).getEntityAs(InputStream.class),
                SubmitTaskRequest.class);
    }

    /** Every part but the spec is an input file named by its filename; the node checks the names. */
    private static List<TaskInput> inputs(FormDataMultiPart form) {
        List<TaskInput> inputs = new ArrayList<>();
        for (Map.Entry<String, List<FormDataBodyPart>> field : form.getFields().entrySet()) {
            if (field.getKey().equals(SPEC_PART)) {
                continue;
            }
            for (FormDataBodyPart part : field.getValue()) {
                String name = part.getContentDisposition() == null ? null : part.getContentDisposition().getFileName();
                if (name == null) {
                    throw new InvalidFieldException("inputs", "part '" + field.getKey().replaceAll("\\p{Cntrl}", "?")
                            + "' is no file: each input needs a filename");
                }
                inputs.add(new TaskInput(name, part.getEntityAs(InputStream.class)));
            }
        }
        return inputs;
    }

    private Task visible(SecurityContext security, String id) {
        Caller caller = Caller.of(security);
        return parse(id).flatMap(uuid -> require().find(uuid)).filter(t -> caller.maySee(t.owner()))
                .orElseThrow(() -> new NotFoundException("task '" + id + "' not found"));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private TaskService require() {
        TaskService t = tasks;
        if (t == null) {
            throw new ServiceUnavailableException("the task service is not running (feature emotive-node)",
                    NodeAgentMissing.RETRY_AFTER_SECONDS);
        }
        return t;
    }
}
