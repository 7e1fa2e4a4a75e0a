package org.skillpath.assessment.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.web.CurrentOrg;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAPI document at /v3/api-docs. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer-jwt";

    static {
        // SCIM resources and CASE packages are free-form JSON validated by hand; document them as objects.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema())
                .replaceWithSchema(ObjectNode.class, new ObjectSchema())
                // The tenant and the caller come from the token, not from anything a client sends.
                .addAnnotationsToIgnore(CurrentOrg.class, CurrentCaller.class);
    }

    @Bean
    OpenAPI assessmentServiceApi() {
        return new OpenAPI().info(new Info().title("Skillpath assessment-service").version("1")
                        .description("People directory (SCIM 2.0 subset), skill frameworks and role profiles (IMS CASE 1.1 "
                                + "import/export), 360 assessments and explained skill gaps. Refusals are RFC 9457 problem "
                                + "details, except under /scim/v2 where they are SCIM Error bodies. Every operation needs a "
                                + "bearer token (JWT); the tenant is the token's org claim. Who may do what: "
                                + "docs/access/assessment-service.md."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token of the Skillpath issuer: a person's (sub = person id, roles) or "
                                + "an integration client's (client credentials, scope)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
