package org.skillpath.dashboard.security;

import org.skillpath.dashboard.DashboardProperties;
import org.skillpath.dashboard.api.SkillpathApi;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * The dashboard's one client registration, read from the issuer's discovery document on first use rather than
 * at start-up: the dashboard starts (and answers its health check) even while the issuer is still starting,
 * and a failed discovery is tried again on the next sign-in instead of being remembered.
 */
final class IssuerRegistration implements ClientRegistrationRepository {

    /** The path of the redirect URI registered at the issuer (with any loopback port). */
    static final String CALLBACK_PATH = "/login/callback";

    private final DashboardProperties properties;
    private volatile ClientRegistration registration;

    IssuerRegistration(DashboardProperties properties) {
        this.properties = properties;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!SkillpathApi.REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration;
        if (known == null) {
            synchronized (this) {
                if (registration == null) {
                    registration = discover();
                }
                known = registration;
            }
        }
        return known;
    }

    private ClientRegistration discover() {
        return ClientRegistrations.fromIssuerLocation(properties.issuer())
                .registrationId(SkillpathApi.REGISTRATION_ID)
                .clientName("Skillpath")
                .clientId(properties.clientId())
                // a public client: no secret; Spring adds PKCE (S256) to its authorization requests
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}" + CALLBACK_PATH)
                .scope("openid", "profile")
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .build();
    }
}
