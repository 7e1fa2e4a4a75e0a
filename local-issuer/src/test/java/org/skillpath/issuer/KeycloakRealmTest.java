package org.skillpath.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compose runs Keycloak with docker/keycloak/skillpath-realm.json instead of this issuer. Keycloak cannot run
 * here, so the realm is held to the same contract statically: the same clients, secrets, scopes, orgs and
 * redirect URIs as local-issuer.yml, the demo people with their roles and org, and the mappers that put
 * {@code sub}, {@code org} and {@code roles} into the access token.
 */
class KeycloakRealmTest {

    static final Path REALM = Path.of("..", "docker", "keycloak", "skillpath-realm.json");
    /** local-stack's DemoData people plus the L&D administrator. */
    static final Map<String, Set<String>> DEMO_PEOPLE = Map.of(
            "dana.director", Set.of("EMPLOYEE", "MANAGER"),
            "bob.manager", Set.of("EMPLOYEE", "MANAGER"),
            "alice.specialist", Set.of("EMPLOYEE"),
            "dave.developer", Set.of("EMPLOYEE"),
            "erin.engineer", Set.of("EMPLOYEE"),
            "carol.coach", Set.of("EMPLOYEE"),
            "lee.learning", Set.of("EMPLOYEE", "LD_ADMIN"));

    static JsonNode realm;
    static IssuerProperties issuer;

    @BeforeAll
    static void load() throws IOException {
        realm = JsonMapper.builder().build().readTree(REALM.toFile());
        StandardEnvironment env = new StandardEnvironment();
        new YamlPropertySourceLoader().load("local-issuer", new ClassPathResource("local-issuer.yml"))
                .forEach(env.getPropertySources()::addLast);
        issuer = Binder.get(env).bind("skillpath.issuer", IssuerProperties.class).get();
    }

    @Test
    void isTheSkillpathRealmWithOneHourAccessTokens() {
        assertThat(realm.get("realm").asString()).isEqualTo("skillpath");
        assertThat(realm.get("enabled").asBoolean()).isTrue();
        assertThat(realm.get("accessTokenLifespan").asLong()).isEqualTo(issuer.accessTokenTtl().toSeconds());
        assertThat(names(realm.get("roles").get("realm"), "name")).containsExactlyInAnyOrderElementsOf(PeopleDirectory.ROLES);
    }

    @Test
    void registersExactlyTheClientsOfTheLocalIssuer() {
        Map<String, JsonNode> clients = byName(realm.get("clients"), "clientId");
        assertThat(clients.keySet()).containsExactlyInAnyOrderElementsOf(
                issuer.clients().stream().map(IssuerProperties.Client::clientId).toList());
        for (IssuerProperties.Client expected : issuer.clients()) {
            JsonNode c = clients.get(expected.clientId());
            String id = expected.clientId();
            assertThat(c.get("publicClient").asBoolean()).as(id).isEqualTo(expected.isPublic());
            assertThat(c.get("serviceAccountsEnabled").asBoolean()).as(id)
                    .isEqualTo(expected.grantTypes().contains("client_credentials"));
            assertThat(c.get("standardFlowEnabled").asBoolean()).as(id)
                    .isEqualTo(expected.grantTypes().contains("authorization_code"));
            assertThat(c.get("directAccessGrantsEnabled").asBoolean()).as(id).isFalse();
            assertThat(c.get("fullScopeAllowed").asBoolean()).as(id + " only scoped roles").isFalse();
            Set<String> scopes = strings(c.get("defaultClientScopes"));
            expected.scopes().stream().filter(s -> !s.equals("openid"))
                    .forEach(s -> assertThat(scopes).as(id).contains(s));
            assertThat(scopes).as(id + " gets sub").contains("basic");
            if (expected.isPublic()) {
                assertThat(c.get("attributes").get("pkce.code.challenge.method").asString()).isEqualTo("S256");
                assertThat(strings(c.get("redirectUris"))).containsExactlyInAnyOrderElementsOf(expected.redirectUris());
                assertThat(c.get("attributes").get("post.logout.redirect.uris").asString().split("##"))
                        .containsExactlyInAnyOrderElementsOf(expected.postLogoutRedirectUris());
                assertThat(scopes).as(id + " gets org and roles").contains("skillpath-person");
                assertThat(c.has("secret")).isFalse();
            } else {
                assertThat(c.get("secret").asString()).isEqualTo(expected.secret());
                JsonNode org = byName(c.get("protocolMappers"), "name").get("org");
                assertThat(org.get("protocolMapper").asString()).isEqualTo("oidc-hardcoded-claim-mapper");
                assertThat(org.get("config").get("claim.name").asString()).isEqualTo("org");
                assertThat(org.get("config").get("claim.value").asString()).isEqualTo(expected.org());
                assertThat(org.get("config").get("access.token.claim").asString()).isEqualTo("true");
                assertThat(scopes).as(id + " carries no roles").doesNotContain("skillpath-person");
            }
        }
    }

    @Test
    void declaresEveryClientScopeItUsesBecauseKeycloakThenCreatesNoBuiltInOnes() {
        Set<String> declared = names(realm.get("clientScopes"), "name");
        for (JsonNode c : realm.get("clients")) {
            assertThat(declared).as(c.get("clientId").asString()).containsAll(strings(c.get("defaultClientScopes")));
            assertThat(declared).containsAll(strings(c.get("optionalClientScopes")));
        }
        Map<String, JsonNode> scopes = byName(realm.get("clientScopes"), "name");
        assertThat(mappers(scopes.get("basic"))).containsEntry("sub", "oidc-sub-mapper");

        Map<String, JsonNode> person = byName(scopes.get("skillpath-person").get("protocolMappers"), "name");
        JsonNode org = person.get("org");
        assertThat(org.get("protocolMapper").asString()).isEqualTo("oidc-usermodel-attribute-mapper");
        assertThat(org.get("config").get("user.attribute").asString()).isEqualTo("org");
        assertThat(org.get("config").get("claim.name").asString()).isEqualTo("org");
        assertThat(org.get("config").get("access.token.claim").asString()).isEqualTo("true");
        JsonNode roles = person.get("roles");
        assertThat(roles.get("protocolMapper").asString()).isEqualTo("oidc-usermodel-realm-role-mapper");
        assertThat(roles.get("config").get("claim.name").asString()).isEqualTo("roles");
        assertThat(roles.get("config").get("multivalued").asString()).isEqualTo("true");
        assertThat(roles.get("config").get("access.token.claim").asString()).isEqualTo("true");
        assertThat(roles.get("config").get("usermodel.realmRoleMapping.rolePrefix").asString()).isEmpty();

        // with fullScopeAllowed off, the dashboard's tokens carry exactly these roles of a person
        JsonNode mapping = realm.get("scopeMappings").get(0);
        assertThat(mapping.get("client").asString()).isEqualTo(issuer.demoClientId());
        assertThat(strings(mapping.get("roles"))).containsExactlyInAnyOrderElementsOf(PeopleDirectory.ROLES);
    }

    @Test
    void holdsTheDemoPeopleWithFixedIdsTheirRolesAndOrgAndTheServiceAccountsNamedAfterTheirClients() {
        Map<String, JsonNode> users = byName(realm.get("users"), "username");
        Set<String> ids = new HashSet<>();
        DEMO_PEOPLE.forEach((username, roles) -> {
            JsonNode u = users.get(username);
            assertThat(u).as(username).isNotNull();
            ids.add(UUID.fromString(u.get("id").asString()).toString());
            assertThat(strings(u.get("realmRoles"))).as(username).isEqualTo(roles);
            assertThat(strings(u.get("attributes").get("org"))).as(username).containsExactly("demo");
            // Keycloak builds the name claim from these
            assertThat(u.get("firstName").asString()).isNotEmpty();
            assertThat(u.get("lastName").asString()).isNotEmpty();
            JsonNode password = u.get("credentials").get(0);
            assertThat(password.get("value").asString()).isEqualTo("skillpath");
            assertThat(password.get("temporary").asBoolean()).isFalse();
        });
        assertThat(ids).as("distinct person ids").hasSize(DEMO_PEOPLE.size());

        // Keycloak's sub is the user id: a service account whose id is the client id gives sub = client id
        issuer.clients().stream().filter(c -> !c.isPublic()).forEach(c -> {
            JsonNode account = users.get("service-account-" + c.clientId());
            assertThat(account).as(c.clientId()).isNotNull();
            assertThat(account.get("id").asString()).isEqualTo(c.clientId());
            assertThat(account.get("serviceAccountClientId").asString()).isEqualTo(c.clientId());
            assertThat(strings(account.get("realmRoles"))).isEmpty();
        });
        assertThat(users).hasSize(DEMO_PEOPLE.size()
                + (int) issuer.clients().stream().filter(c -> !c.isPublic()).count());
    }

    @Test
    void declaresOrgInTheUserProfileSoKeycloakKeepsTheAttribute() {
        JsonNode provider = realm.get("components").get("org.keycloak.userprofile.UserProfileProvider").get(0);
        assertThat(provider.get("providerId").asString()).isEqualTo("declarative-user-profile");
        JsonNode profile = JsonMapper.builder().build()
                .readTree(provider.get("config").get("kc.user.profile.config").get(0).asString());
        JsonNode org = byName(profile.get("attributes"), "name").get("org");
        assertThat(org).isNotNull();
        assertThat(strings(org.get("permissions").get("edit"))).containsExactly("admin");
        assertThat(names(profile.get("attributes"), "name")).contains("username", "email", "firstName", "lastName");
    }

    private static Map<String, JsonNode> byName(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false)
                .collect(Collectors.toMap(n -> n.get(field).asString(), n -> n));
    }

    private static Set<String> names(JsonNode array, String field) {
        return byName(array, field).keySet();
    }

    private static Map<String, String> mappers(JsonNode scope) {
        return StreamSupport.stream(scope.get("protocolMappers").spliterator(), false)
                .collect(Collectors.toMap(n -> n.get("name").asString(), n -> n.get("protocolMapper").asString()));
    }

    private static Set<String> strings(JsonNode array) {
        if (array == null) {
            return Set.of();
        }
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).collect(Collectors.toSet());
    }
}
