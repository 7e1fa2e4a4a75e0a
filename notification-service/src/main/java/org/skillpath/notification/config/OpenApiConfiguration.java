package org.skillpath.notification.config;

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
 * The OpenAPI document at /v3/api-docs: every operation needs a bearer JWT except those on the public paths
 * (the one-click unsubscribe, the AsyncAPI document), which are taken from the same list the security filter
 * chain opens, so the document cannot drift from what the service enforces.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer-jwt";

    static {
        // The caller and the tenant come from the token, never from the request: not parameters to document.
        SpringDocUtils.getConfig().addAnnotationsToIgnore(CurrentOrg.class, CurrentCaller.class);
    }

    @Bean
    OpenApiCustomizer bearerTokens(KitSecurity kit) {
        List<PathPattern> open = kit.publicPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("An access token of the Skillpath issuer: sub = person or client, org = tenant, "
                            + "roles or scope."));
            api.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
            if (api.getPaths() != null) {
                api.getPaths().forEach((path, item) -> {
                    if (open.stream().anyMatch(p -> p.matches(PathContainer.parsePath(path)))) {
                        // An empty requirement list overrides the document-wide one: no token needed.
                        item.readOperations().forEach(operation -> operation.setSecurity(List.of()));
                    }
                });
            }
        };
    }
}
