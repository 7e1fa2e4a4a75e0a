package org.skillpath.notification.config;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics this service produces; Boot's KafkaAdmin creates them at start-up. */
@Configuration(proxyBeanMethods = false)
class Topics {

    @Bean
    NewTopic notificationTopic(@Value("${skillpath.topics.notification}") String name) {
        return new NewTopic(name, 3, (short) 1);
    }
}
