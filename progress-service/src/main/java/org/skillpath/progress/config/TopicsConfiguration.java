package org.skillpath.progress.config;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topics this service produces; Boot's KafkaAdmin creates them at start-up. */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

    @Bean
    NewTopic progressTopic(@Value("${skillpath.topics.progress}") String name) {
        return TopicBuilder.name(name).partitions(3).replicas(1).build();
    }
}
