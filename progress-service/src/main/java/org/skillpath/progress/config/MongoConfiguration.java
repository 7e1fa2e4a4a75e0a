package org.skillpath.progress.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    /**
     * The driver's java.time codecs store a {@code LocalDate} as midnight UTC. Spring Data's default converts
     * through the JVM's default time zone, so a due date written on one host could read back a day off on
     * another.
     */
    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return MongoCustomConversions.create(c -> c.useNativeDriverJavaTimeCodecs());
    }
}
