package org.skillpath.dashboard;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code skillpath.dashboard.*} from {@code dashboard-web.yml}.
 *
 * @param issuer   the OpenID provider (its discovery document names every endpoint, so Keycloak works as well)
 * @param clientId the public client registered there for the dashboard (authorization code + PKCE)
 * @param services base URLs of the services whose public APIs the pages use
 * @param timeout  per request to a service: a page waits no longer for one answer
 */
@Validated
@ConfigurationProperties("skillpath.dashboard")
public record DashboardProperties(@NotBlank String issuer, @NotBlank String clientId,
                                  @Valid @NotNull Services services, @NotNull Duration timeout) {

    public record Services(@NotBlank String plan, @NotBlank String progress) {
    }
}
