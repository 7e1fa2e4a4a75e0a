package org.skillpath.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

class SignedInTest {

    static DefaultOidcUser user(Map<String, Object> claims) {
        OidcIdToken token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60), claims);
        return new DefaultOidcUser(List.of(new OidcUserAuthority(token)), token);
    }

    static SignedIn signedIn(String... roles) {
        return SignedIn.of(user(Map.of("sub", "p1", "name", "Bob Manager", "roles", List.of(roles))));
    }

    @Test
    void theStartPageFollowsTheRoles() {
        assertThat(signedIn("EMPLOYEE", "MANAGER").home()).isEqualTo("/team");
        assertThat(signedIn("EMPLOYEE", "MANAGER", "LD_ADMIN").home()).isEqualTo("/team");
        assertThat(signedIn("EMPLOYEE", "LD_ADMIN").home()).isEqualTo("/organisation");
        assertThat(signedIn("EMPLOYEE").home()).isEqualTo("/me");
        assertThat(SignedIn.of(user(Map.of("sub", "p1"))).home()).isEqualTo("/me");
    }

    @Test
    void theNameAndIdComeFromTheIdTokenAndUnknownRolesAreIgnored() {
        SignedIn me = signedIn("EMPLOYEE", "SUPERUSER");
        assertThat(me.personId()).isEqualTo("p1");
        assertThat(me.name()).isEqualTo("Bob Manager");
        assertThat(me.roles()).containsExactly("EMPLOYEE");
        assertThat(SignedIn.of(user(Map.of("sub", "p1", "preferred_username", "bob"))).name()).isEqualTo("bob");
    }
}
