package org.skillpath.assessment.config;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

    /** Compacted: the latest state of each person (and their erasure tombstone) is all a new consumer needs. */
    @Bean
    NewTopic peopleTopic(EventSettings settings) {
        return TopicBuilder.name(settings.topics().people()).partitions(3).replicas(1).compact().build();
    }

    @Bean
    NewTopic assessmentTopic(EventSettings settings) {
        return TopicBuilder.name(settings.topics().assessment()).partitions(3).replicas(1).build();
    }
}
