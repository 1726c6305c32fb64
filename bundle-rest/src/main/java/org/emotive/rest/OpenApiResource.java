package org.emotive.rest;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;

/** {@code GET /openapi.json}: the OpenAPI 3 document generated from these resources at build time. */
@Path("openapi.json")
@Hidden
@Component(service = Object.class, property = RestApplication.RESOURCE + "=true")
public class OpenApiResource {

    static final String DOCUMENT = "/META-INF/emotive/openapi.json";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response document() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("the bundle was built without its OpenAPI document");
            }
            return Response.ok(in.readAllBytes(), MediaType.APPLICATION_JSON + "; charset=utf-8").build();
        }
    }
}
