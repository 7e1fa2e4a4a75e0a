package org.skillpath.plan.config;

import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs; the kit adds the bearer-token requirement and the public paths. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenApiCustomizer planServiceInfo() {
        return api -> api.setInfo(new Info().title("Skillpath plan-service").version("1")
                .description("Learning plans from skill gaps, the activity catalog and the mentor pool. Every "
                        + "request carries a bearer token; the organisation is the token's, never the request's. "
                        + "Refusals are RFC 9457 problem details."));
    }
}
