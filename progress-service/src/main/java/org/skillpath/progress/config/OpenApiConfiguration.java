package org.skillpath.progress.config;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.security.KitSecurity;
import org.skillpath.kit.web.CurrentOrg;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI document at /v3/api-docs: every operation needs a bearer JWT, except the LRS endpoints under
 * /xapi, which take either a bearer JWT (scope xapi:write) or the organisation's LRS credentials over HTTP Basic,
 * and the public paths (the AsyncAPI document), which are taken from the list the security filter chain opens,
 * so the document cannot drift from what the service enforces.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer-jwt";
    static final String LRS_BASIC = "lrs-basic";

    static {
        // The caller and the tenant come from the token, never from the request: not parameters to document.
        SpringDocUtils.getConfig().addAnnotationsToIgnore(CurrentOrg.class, CurrentCaller.class);
    }

    @Bean
    OpenApiCustomizer bearerTokens(KitSecurity kit) {
        List<PathPattern> open = kit.publicPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        PathPattern lrs = PathPatternParser.defaultInstance.parse("/xapi/**");
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents()
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .bearerFormat("JWT").description("An access token of the Skillpath issuer: sub = person "
                                    + "or client, org = tenant, roles or scope."))
                    .addSecuritySchemes(LRS_BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                            .description("LRS credentials an L&D admin created under /api/lrs-credentials: the key "
                                    + "as user name, the secret as password."));
            api.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
            if (api.getPaths() != null) {
                api.getPaths().forEach((path, item) -> {
                    PathContainer parsed = PathContainer.parsePath(path);
                    if (open.stream().anyMatch(p -> p.matches(parsed))) {
                        // An empty requirement list overrides the document-wide one: no token needed.
                        item.readOperations().forEach(operation -> operation.setSecurity(List.of()));
                    } else if (lrs.matches(parsed)) {
                        // Two requirements: either one will do.
                        item.readOperations().forEach(operation -> operation.setSecurity(List.of(
                                new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(LRS_BASIC))));
                    }
                });
            }
        };
    }
}
