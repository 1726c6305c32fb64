package org.emotive.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

/** What the generated OpenAPI document says about the API as a whole. */
@OpenAPIDefinition(
        info = @Info(title = "Emotive", version = "1",
                description = "VMs and tasks on a cluster of KVM and Xen hosts. Errors are RFC 9457 problem details."),
        servers = @Server(url = RestApplication.BASE),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "HTTP Basic against Karaf's JAAS realm 'karaf'")
final class ApiDefinition {

    private ApiDefinition() {
    }
}
