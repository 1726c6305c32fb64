package org.emotive.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.emotive.api.model.Health;
import org.emotive.api.node.NodeService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code GET /health}: up, or 503 with what is down. The one endpoint without authentication. */
@Path("health")
@Component(service = Object.class, property = RestApplication.RESOURCE + "=true")
public class HealthResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NodeService node;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether the node can serve requests")
    @SecurityRequirements
    public Response health() {
        NodeService n = node;
        Health health = n == null
                ? new Health(false, List.of("the node agent is not running (feature emotive-node)"))
                : n.health();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.up() ? "up" : "down");
        if (!health.problems().isEmpty()) {
            body.put("problems", health.problems()); // up with problems: degraded, e.g. no network
        }
        Response.ResponseBuilder r = Response.status(health.up() ? 200 : 503)
                .type(MediaType.APPLICATION_JSON + "; charset=utf-8").entity(Json.write(body));
        return health.up() ? r.build() : r.header(HttpHeaders.RETRY_AFTER, NodeAgentMissing.RETRY_AFTER_SECONDS).build();
    }
}
