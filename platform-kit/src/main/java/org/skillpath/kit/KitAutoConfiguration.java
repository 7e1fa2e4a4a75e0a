package org.skillpath.kit;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.skillpath.kit.deadletters.DeadLetterController;
import org.skillpath.kit.deadletters.DeadLetterTopics;
import org.skillpath.kit.deadletters.DeadLetters;
import org.skillpath.kit.deadletters.RetryBudgetCheck;
import org.skillpath.kit.health.MongoPingHealthIndicator;
import org.skillpath.kit.outbox.OutboxProperties;
import org.skillpath.kit.outbox.OutboxRelay;
import org.skillpath.kit.outbox.OutboxRelayConfiguration;
import org.skillpath.kit.web.BodySizeLimitFilter;
import org.skillpath.kit.web.CurrentOrgResolver;
import org.skillpath.kit.web.IdempotentRequests;
import org.skillpath.kit.web.ProblemDetailsAdvice;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the technical kit into every service: outbox relay, problem details, tenant resolution, health. */
@AutoConfiguration
@EnableConfigurationProperties(OutboxProperties.class)
@Import({OutboxRelayConfiguration.class, org.skillpath.kit.security.KitSecurityConfiguration.class})
public class KitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The relay's own producer: synchronous use, acks=all, idempotent, keyed by person. */
    @Bean
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(
            @Value("${spring.kafka.bootstrap-servers:127.0.0.1:9092}") List<String> bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 12_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer()));
    }

    /** Event age and delivery outcomes on every consumer binding's input channel (named {@code *-in-*}). */
    @Bean
    @org.springframework.integration.config.GlobalChannelInterceptor(patterns = "*-in-*")
    org.skillpath.kit.observability.ConsumedEventMetrics consumedEventMetrics(MeterRegistry meters, Clock clock,
            @Value("${spring.application.name:skillpath}") String application) {
        return new org.skillpath.kit.observability.ConsumedEventMetrics(meters, clock, application);
    }

    @Bean
    FilterRegistrationBean<org.skillpath.kit.web.WriteRequestLog> writeRequestLog() {
        FilterRegistrationBean<org.skillpath.kit.web.WriteRequestLog> registration =
                new FilterRegistrationBean<>(new org.skillpath.kit.web.WriteRequestLog());
        // inside the server observation (HIGHEST_PRECEDENCE + 1), so the line carries the trace id
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    org.skillpath.kit.asyncapi.AsyncApiGenerator asyncApiGenerator(org.springframework.context.ApplicationContext context,
                                                                  org.springframework.core.env.Environment environment) {
        return new org.skillpath.kit.asyncapi.AsyncApiGenerator(context, environment);
    }

    @Bean
    org.skillpath.kit.asyncapi.AsyncApiController asyncApiController(org.skillpath.kit.asyncapi.AsyncApiGenerator generator,
            @Value("${spring.application.name:skillpath}") String application) {
        return new org.skillpath.kit.asyncapi.AsyncApiController(generator, application);
    }

    @Bean
    IdempotentRequests idempotentRequests(MongoTemplate mongo, tools.jackson.databind.ObjectMapper json, Clock clock) {
        return new IdempotentRequests(mongo, json, clock);
    }

    @Bean
    DeadLetters deadLetters(@Value("${spring.kafka.bootstrap-servers:127.0.0.1:9092}") String bootstrapServers,
                            org.springframework.core.env.Environment environment,
                            @org.springframework.beans.factory.annotation.Qualifier("outboxKafkaTemplate")
                            KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        DeadLetters deadLetters = new DeadLetters(bootstrapServers, DeadLetterTopics.of(environment), kafka);
        // Dead letters waiting, per binding: an operator's first question after an alert.
        deadLetters.topicsByBinding().forEach((binding, topic) -> io.micrometer.core.instrument.Gauge
                .builder("skillpath.deadletters", () -> deadLetterCount(deadLetters, topic))
                .description("records in the binding's dead-letter topic").tag("binding", binding).register(meters));
        return deadLetters;
    }

    private static double deadLetterCount(DeadLetters deadLetters, String topic) {
        try {
            return deadLetters.recentCounts().getOrDefault(topic, 0L);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    @Bean
    RetryBudgetCheck retryBudgetCheck(org.springframework.core.env.Environment environment) {
        return new RetryBudgetCheck(environment);
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            @Value("${skillpath.http.max-body-bytes:262144}") long maxBodyBytes) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(maxBodyBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Container-level refusals (before Spring MVC) as problem details too. */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
            problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(org.skillpath.kit.web.ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    org.skillpath.kit.security.OrgRateLimiter orgRateLimiter(org.springframework.core.env.Environment environment,
                                                            Clock clock) {
        return new org.skillpath.kit.security.OrgRateLimiter(environment, clock);
    }

    @Bean
    WebMvcConfigurer callerConfigurer(org.skillpath.kit.security.OrgRateLimiter rateLimiter) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentOrgResolver());
                resolvers.add(new org.skillpath.kit.security.CurrentCallerResolver());
            }

            @Override
            public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                registry.addInterceptor(rateLimiter);
            }
        };
    }

    /** Shown as "mongoPing" in /actuator/health; Boot's own (hello-based) indicator is disabled by the services. */
    @Bean
    MongoPingHealthIndicator mongoPingHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}
