package org.skillpath.plan.plans;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic plan-service produces; Boot's KafkaAdmin creates it at start-up when it is missing. */
@Configuration(proxyBeanMethods = false)
class PlanTopicConfiguration {

    @Bean
    NewTopic planTopic(@Value("${skillpath.topics.plan}") String name) {
        return TopicBuilder.name(name).partitions(3).replicas(1).build();
    }
}
