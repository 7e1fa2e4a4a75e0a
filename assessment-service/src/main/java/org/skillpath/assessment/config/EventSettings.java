package org.skillpath.assessment.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where this service's events go and how they name their source. */
@ConfigurationProperties("skillpath")
public record EventSettings(Topics topics, String eventSource) {

    public record Topics(String people, String assessment) {
    }
}
