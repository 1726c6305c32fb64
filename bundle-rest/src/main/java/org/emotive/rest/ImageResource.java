package org.emotive.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.NotFoundException;
import org.emotive.api.image.Image;
import org.emotive.api.storage.ImageBuild;
import org.emotive.api.storage.ImageImport;
import org.emotive.api.storage.StorageService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /images}: the node's base images. Every user sees them all and may upload or build
 * one; importing a file of the node needs the admin role, deleting needs the image's owner
 * or an admin.
 */
@Path("images")
@Produces(MediaType.APPLICATION_JSON)
@Component(service = Object.class, property = RestApplication.RESOURCE + "=true")
public class ImageResource {

    private static final String JSON_UTF8 = MediaType.APPLICATION_JSON + "; charset=utf-8";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StorageService storage;

    @GET
    @Operation(summary = "List images", responses = @ApiResponse(responseCode = "200", description = "{\"items\": [Image]}"))
    public Response list(@Context SecurityContext security) {
        StorageService s = StorageMissing.require(storage);
        Caller caller = Caller.of(security);
        Map<String, List<UUID>> users = s.imageUsers(); // one pass over the instances, not one per image
        List<ImageJson> items = s.images().stream()
                .map(i -> json(i, users.getOrDefault(i.name(), List.of()), caller)).toList();
        return Response.ok(Json.write(Map.of("items", items)), JSON_UTF8).build();
    }

    @GET
    @Path("{image}")
    @Operation(summary = "One image: format, sizes, users, progress of an import or build",
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ImageJson.class))))
    public Response get(@Context SecurityContext security, @PathParam("image") String name) {
        StorageService s = StorageMissing.require(storage);
        return Response.ok(Json.write(json(s, require(s, name), Caller.of(security))), JSON_UTF8).build();
    }

    @GET
    @Path("{image}/log")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The image's import or build log")
    public Response log(@PathParam("image") String name) {
        StorageService s = StorageMissing.require(storage);
        require(s, name);
        return Response.ok(s.log(name), MediaType.TEXT_PLAIN + "; charset=utf-8").build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Import a disk file of the node (admin) or build a Debian image; 202, progress on the image",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreateImageRequest.class))),
            responses = {
                @ApiResponse(responseCode = "202", description = "accepted: the image is pending",
                        content = @Content(schema = @Schema(implementation = ImageJson.class))),
                @ApiResponse(responseCode = "403", description = "importing a node file needs the admin role"),
                @ApiResponse(responseCode = "409", description = "an image of that name exists")})
    public Response create(@Context SecurityContext security, @Context UriInfo uri,
                           @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
                           @Parameter(hidden = true) InputStream body) {
        CreateImageRequest request = JsonBody.read(type, body, CreateImageRequest.class);
        StorageService s = StorageMissing.require(storage);
        Caller caller = Caller.of(security);
        CreateImageRequest.Source source = request.source();
        if (source == null || (source.file() == null) == (source.debootstrap() == null)) {
            throw new InvalidFieldException("source", "source needs exactly one of file and debootstrap");
        }
        Image image;
        if (source.file() != null) {
            if (!caller.admin()) {
                throw new ProblemException(Problem.of(403, "forbidden", "Forbidden",
                        "importing a file of the node needs the admin role; upload the image instead"));
            }
            image = s.importFile(new ImageImport(request.name(), caller.name(), path("source.file", source.file()),
                    path("kernel", request.kernel()), path("initrd", request.initrd()), request.cmdline()));
        } else {
            if (request.kernel() != null || request.initrd() != null || request.cmdline() != null) {
                throw new InvalidFieldException("kernel", "a debootstrap build brings its own kernel");
            }
            CreateImageRequest.Debootstrap d = source.debootstrap();
            image = s.build(new ImageBuild(request.name(), caller.name(), d.suite(), d.mirror(), d.arch(),
                    d.packages(), d.diskGiB()));
        }
        return Response.accepted(Json.write(json(s, image, caller))).type(JSON_UTF8)
                .location(location(uri, image.name())).build();
    }

    @PUT
    @Path("{image}/content")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a raw or qcow2 disk as a new image",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM)),
            responses = {
                @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ImageJson.class))),
                @ApiResponse(responseCode = "409", description = "an image of that name exists")})
    public Response upload(@Context SecurityContext security, @Context UriInfo uri, @PathParam("image") String name,
                           @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
                           @Parameter(hidden = true) InputStream body) {
        if (type == null || !type.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE) || type.isWildcardType()) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "an upload must be sent as application/octet-stream"));
        }
        StorageService s = StorageMissing.require(storage);
        Caller caller = Caller.of(security);
        Image image = s.upload(name, caller.name(), body);
        return Response.created(location(uri, image.name())).type(JSON_UTF8)
                .entity(Json.write(json(s, image, caller))).build();
    }

    @DELETE
    @Path("{image}")
    @Operation(summary = "Delete an image (its owner or an admin)", responses = {
        @ApiResponse(responseCode = "204"),
        @ApiResponse(responseCode = "409", description = "a VM uses it, or it is still being imported or built")})
    public Response delete(@Context SecurityContext security, @PathParam("image") String name) {
        StorageService s = StorageMissing.require(storage);
        Image image = require(s, name);
        Caller caller = Caller.of(security);
        if (!caller.maySee(image.owner())) {
            throw new ProblemException(Problem.of(403, "forbidden", "Forbidden",
                    "image '" + name + "' belongs to " + (image.owner() == null ? "the operator" : image.owner())));
        }
        s.deleteImage(name);
        return Response.noContent().build();
    }

    private static Image require(StorageService s, String name) {
        return s.image(name).orElseThrow(() -> new NotFoundException("image '" + name + "' not found"));
    }

    private static ImageJson json(StorageService s, Image image, Caller caller) {
        return json(image, s.imageUsers(image.name()), caller);
    }

    private static ImageJson json(Image image, List<UUID> users, Caller caller) {
        return ImageJson.of(image, users.stream().map(UUID::toString).toList(), caller.admin());
    }

    private static java.nio.file.Path path(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.nio.file.Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidFieldException(field, field + " is not a valid path");
        }
    }

    private static URI location(UriInfo uri, String name) {
        return uri.getBaseUriBuilder().path("images").path(name).build();
    }
}
