package org.skillpath.kit.asyncapi;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** This service's AsyncAPI description, generated from its code, next to its OpenAPI at /v3/api-docs. */
@RestController
public class AsyncApiController {

    private final AsyncApiGenerator generator;
    private final String application;

    public AsyncApiController(AsyncApiGenerator generator, @Value("${spring.application.name:skillpath}") String application) {
        this.generator = generator;
        this.application = application;
    }

    @GetMapping(path = "/asyncapi", produces = "application/json")
    Map<String, Object> asyncApi() {
        return generator.document(application);
    }
}
