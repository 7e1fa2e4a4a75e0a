package org.skillpath.dashboard;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.actuate.endpoint.web.WebMvcHealthEndpointExtensionAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * The manager dashboard: server-rendered pages on the services' public APIs, signed in at the token issuer.
 * Run it standalone ({@link #main}) or inside the local-stack launcher's JVM ({@link #start}).
 *
 * <p>Like the local issuer it may share a JVM, and in end-to-end tests a classpath, with the services, so it
 * keeps to itself: its configuration file is {@code dashboard-web.yml} ({@code spring.config.name}), never an
 * {@code application.yml}, and it imports the auto-configurations it needs instead of whatever the classpath
 * offers (no Kafka, MongoDB or platform-kit of the services' jars).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ConfigurationPropertiesAutoConfiguration.class,
        ValidationAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        ThymeleafAutoConfiguration.class,
        SecurityAutoConfiguration.class,
        ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class,
        EndpointAutoConfiguration.class,
        JacksonEndpointAutoConfiguration.class,
        WebEndpointAutoConfiguration.class,
        HealthContributorAutoConfiguration.class,
        HealthContributorRegistryAutoConfiguration.class,
        HealthEndpointAutoConfiguration.class,
        WebMvcHealthEndpointExtensionAutoConfiguration.class,
        ManagementContextAutoConfiguration.class,
        ServletManagementContextAutoConfiguration.class,
})
@EnableConfigurationProperties(DashboardProperties.class)
@ComponentScan
public class DashboardWebApplication {

    public static final String CONFIG_NAME = "dashboard-web";

    /** Today and the time zone for "overdue", "3 days ago" and the dates on the pages. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    /** The application with its own configuration file ({@code dashboard-web.yml}). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(DashboardWebApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    /**
     * Starts the dashboard in this JVM and returns once it serves requests.
     *
     * @param port        on 127.0.0.1; 0 picks a free port (any loopback port suits the issuer's redirect URI)
     * @param issuerUrl   the token issuer, e.g. {@code http://127.0.0.1:9000}
     * @param planUrl     plan-service's base URL
     * @param progressUrl progress-service's base URL
     */
    public static Running start(int port, String issuerUrl, String planUrl, String progressUrl) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", port);
        props.put("skillpath.dashboard.issuer", issuerUrl);
        props.put("skillpath.dashboard.services.plan", planUrl);
        props.put("skillpath.dashboard.services.progress", progressUrl);
        // as command-line arguments, so they take precedence over dashboard-web.yml
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new Running(builder().run(args));
    }

    /** A started dashboard; closing it stops it. */
    public static final class Running implements AutoCloseable {

        private final ConfigurableApplicationContext context;

        Running(ConfigurableApplicationContext context) {
            this.context = context;
        }

        public int port() {
            return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
        }

        /** {@code http://127.0.0.1:<port>}: the address to open in a browser. */
        public String url() {
            return "http://127.0.0.1:" + port();
        }

        public ConfigurableApplicationContext context() {
            return context;
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
