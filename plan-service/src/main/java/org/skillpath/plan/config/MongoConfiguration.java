package org.skillpath.plan.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    /**
     * The driver's java.time codecs store dates in UTC; Spring Data's default converts a LocalDate through the
     * JVM's zone, so a plan's dates would shift when read on a machine in another zone.
     */
    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return MongoCustomConversions.create(adapter -> adapter.useNativeDriverJavaTimeCodecs());
    }
}
