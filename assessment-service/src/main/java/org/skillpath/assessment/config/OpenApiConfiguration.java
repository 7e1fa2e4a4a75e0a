package org.skillpath.assessment.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAPI document at /v3/api-docs; the kit adds the bearer-token requirement and the public paths. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // SCIM resources and CASE packages are free-form JSON validated by hand; document them as objects.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema())
                .replaceWithSchema(ObjectNode.class, new ObjectSchema());
    }

    @Bean
    OpenAPI assessmentServiceApi() {
        return new OpenAPI().info(new Info().title("Skillpath assessment-service").version("1")
                        .description("People directory (SCIM 2.0 subset), skill frameworks and role profiles (IMS CASE 1.1 "
                                + "import/export), 360 assessments and explained skill gaps. Refusals are RFC 9457 problem "
                                + "details, except under /scim/v2 where they are SCIM Error bodies. Every operation needs a "
                                + "bearer token (JWT); the tenant is the token's org claim. Who may do what: "
                                + "docs/access/assessment-service.md."));
    }
}
