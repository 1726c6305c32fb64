package org.emotive.rest;

import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.emotive.api.NotFoundException;
import org.emotive.api.model.NodeInfo;
import org.emotive.api.model.Resources;
import org.emotive.api.node.NodeService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code /nodes}: the hypervisor hosts. All-in-one: one node. */
@Path("nodes")
@Produces(MediaType.APPLICATION_JSON)
@Component(service = Object.class, property = RestApplication.RESOURCE + "=true")
public class NodeResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NodeService node;

    @GET
    @Operation(summary = "List the nodes")
    public Response list() {
        return json(Map.of("items", List.of(view(NodeAgentMissing.require(node).info()))));
    }

    @GET
    @Path("{node}")
    @Operation(summary = "One node")
    public Response get(@PathParam("node") String id) {
        NodeInfo info = NodeAgentMissing.require(node).info();
        if (!info.id().equals(id)) {
            throw new NotFoundException("node '" + id + "' not found");
        }
        return json(view(info));
    }

    private static Map<String, Object> view(NodeInfo n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("address", n.address());
        m.put("state", n.state().wireName());
        m.put("hypervisor", n.hypervisor());
        m.put("capacity", resources(n.capacity()));
        m.put("used", resources(n.used()));
        m.put("vms", n.vms());
        return m;
    }

    private static Map<String, Object> resources(Resources r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vcpus", r.vcpus());
        m.put("memoryMiB", r.memoryMiB());
        return m;
    }

    private static Response json(Object body) {
        return Response.ok(Json.write(body), MediaType.APPLICATION_JSON + "; charset=utf-8").build();
    }
}
