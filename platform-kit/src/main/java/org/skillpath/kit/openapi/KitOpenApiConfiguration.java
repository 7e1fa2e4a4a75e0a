package org.skillpath.kit.openapi;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.security.KitSecurity;
import org.skillpath.kit.web.CurrentOrg;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every service's OpenAPI document says what its security filter chain enforces: a bearer JWT on every
 * operation except the public paths, taken from the very list the chain opens so the two cannot drift. The
 * caller and the tenant come from the token, so {@link CurrentOrg} and {@link CurrentCaller} parameters are
 * not documented. Services add their title and anything of their own (e.g. a second scheme) in customizers
 * that run after this one.
 */
@AutoConfiguration(after = org.skillpath.kit.KitAutoConfiguration.class)
@ConditionalOnClass(OpenApiCustomizer.class)
public class KitOpenApiConfiguration {

    public static final String BEARER = "bearer-jwt";

    static {
        SpringDocUtils.getConfig().addAnnotationsToIgnore(CurrentOrg.class, CurrentCaller.class);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    OpenApiCustomizer skillpathBearerTokens(KitSecurity kit) {
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
