package org.skillpath.progress.config;

import java.util.List;

import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.skillpath.kit.openapi.KitOpenApiConfiguration;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI document at /v3/api-docs. The kit requires a bearer JWT everywhere but on the public paths; the
 * LRS endpoints under /xapi also take the organisation's LRS credentials over HTTP Basic.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String LRS_BASIC = "lrs-basic";

    /** Runs after the kit's customizer, whose bearer requirement it widens for /xapi. */
    @Bean
    OpenApiCustomizer lrsBasicInOpenApi() {
        PathPattern lrs = PathPatternParser.defaultInstance.parse("/xapi/**");
        return api -> {
            api.getComponents().addSecuritySchemes(LRS_BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("basic").description("LRS credentials an L&D admin created under /api/lrs-credentials: "
                            + "the key as user name, the secret as password."));
            if (api.getPaths() != null) {
                api.getPaths().forEach((path, item) -> {
                    if (lrs.matches(PathContainer.parsePath(path))) {
                        // Two requirements: either one will do.
                        item.readOperations().forEach(operation -> operation.setSecurity(List.of(
                                new SecurityRequirement().addList(KitOpenApiConfiguration.BEARER),
                                new SecurityRequirement().addList(LRS_BASIC))));
                    }
                });
            }
        };
    }
}
