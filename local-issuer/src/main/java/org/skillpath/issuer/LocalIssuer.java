package org.skillpath.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The local stack's token issuer: a real OAuth2 / OIDC authorization server on 127.0.0.1 (see
 * {@code local-issuer.yml}). Run it standalone ({@link #main}) or inside the launcher's JVM ({@link #start}).
 *
 * <p>It shares that JVM (and in end-to-end tests the classpath of all four services), so it keeps to itself:
 * its configuration file is {@code local-issuer.yml} ({@code spring.config.name}), never an
 * {@code application.yml}, and it imports the few auto-configurations it needs instead of every one on the
 * classpath (no Kafka, MongoDB or actuator of the services' jars).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ConfigurationPropertiesAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        SecurityAutoConfiguration.class,
        ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class,
})
@EnableConfigurationProperties(IssuerProperties.class)
@Import(IssuerConfiguration.class)
public class LocalIssuer {

    public static final String CONFIG_NAME = "local-issuer";

    public static void main(String[] args) {
        builder().properties("logging.config=classpath:logback-local-issuer.xml").run(args);
    }

    /**
     * The application with its own configuration file. Properties added with {@code .properties(...)} are
     * defaults: {@code local-issuer.yml} overrides them (it sets only the clients); arguments to {@code run}
     * override both.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(LocalIssuer.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    /** {@link #start(int, Path, Map)} without extra properties. */
    public static Running start(int port, Path dataDir) {
        return start(port, dataDir, Map.of());
    }

    /**
     * Starts the issuer in this JVM and returns once it serves requests.
     *
     * @param port       on 127.0.0.1; 0 picks a free port (the issuer URL follows it)
     * @param dataDir    holds {@code issuer-key.json} and {@code issuer-people.json}; null: ephemeral key, no people
     * @param properties more {@code skillpath.issuer.*} (or other) properties, e.g. {@code skillpath.issuer.url}
     */
    public static Running start(int port, Path dataDir, Map<String, ?> properties) {
        Map<String, Object> props = new LinkedHashMap<>(properties);
        props.put("skillpath.issuer.port", port == 0 ? freePort() : port);
        if (dataDir != null) {
            props.put("skillpath.issuer.data-dir", dataDir.toAbsolutePath().toString());
        }
        // as command-line arguments, so they take precedence over local-issuer.yml (builder properties would not)
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new Running(builder().run(args));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started issuer; closing it stops it. */
    public static final class Running implements AutoCloseable {

        private final ConfigurableApplicationContext context;
        private final IssuerProperties properties;

        Running(ConfigurableApplicationContext context) {
            this.context = context;
            this.properties = context.getBean(IssuerProperties.class);
        }

        public DemoTokens demoTokens() {
            return context.getBean(DemoTokens.class);
        }

        /** The {@code iss} of its tokens; the resource servers' {@code issuer-uri}. */
        public String issuerUrl() {
            return properties.url();
        }

        /** {@code <issuer>/oauth2/jwks}, for resource servers that take a JWK set URI. */
        public String jwksUrl() {
            return "http://127.0.0.1:" + properties.port() + "/oauth2/jwks";
        }

        public int port() {
            return properties.port();
        }

        /** The people directory file it watches (write it with {@link PeopleDirectory#write}); null if none. */
        public Path directoryFile() {
            return properties.directory();
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
