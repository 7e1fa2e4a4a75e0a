package org.skillpath.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillpath.issuer.PeopleDirectory.Person;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class PeopleDirectoryTest {

    @TempDir
    Path dir;

    static Person person(String username, List<String> roles) {
        return new Person(username, "pw-" + username, UUID.randomUUID().toString(), "demo", roles, null);
    }

    @Test
    void writesHashedPasswordsAndReadsThemBack() throws Exception {
        Path file = dir.resolve("people.json");
        PeopleDirectory.write(file, List.of(person("bob.manager", List.of("EMPLOYEE", "MANAGER"))));
        assertThat(Files.readString(file)).doesNotContain("pw-bob.manager").contains("{bcrypt}");

        PeopleDirectory directory = new PeopleDirectory(file);
        Person bob = directory.find("bob.manager").orElseThrow();
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("pw-bob.manager", bob.password())).isTrue();
        assertThat(bob.displayName()).isEqualTo("bob.manager");
        assertThat(directory.loadUserByUsername("bob.manager").getAuthorities())
                .extracting(Object::toString).containsExactlyInAnyOrder("ROLE_EMPLOYEE", "ROLE_MANAGER");
    }

    @Test
    void aMissingFileIsAnEmptyDirectoryUntilItAppears() {
        Path file = dir.resolve("later.json");
        PeopleDirectory directory = new PeopleDirectory(file);
        assertThat(directory.find("bob.manager")).isEmpty();
        PeopleDirectory.write(file, List.of(person("bob.manager", List.of("EMPLOYEE"))));
        assertThat(directory.find("bob.manager")).isPresent();
    }

    @Test
    void aBrokenFileKeepsThePreviousDirectory() throws Exception {
        Path file = dir.resolve("people.json");
        PeopleDirectory.write(file, List.of(person("bob.manager", List.of("EMPLOYEE"))));
        PeopleDirectory directory = new PeopleDirectory(file);
        assertThat(directory.find("bob.manager")).isPresent();

        Files.writeString(file, "[{\"username\": ");
        assertThat(directory.find("bob.manager")).isPresent();
        Files.writeString(file, "[{\"username\":\"x\",\"password\":\"plain\",\"personId\":\"" + UUID.randomUUID()
                + "\",\"org\":\"demo\",\"roles\":[\"EMPLOYEE\"]}]");
        assertThat(directory.find("bob.manager")).as("plain-text password refused").isPresent();
        assertThat(directory.find("x")).isEmpty();
    }

    @Test
    void refusesEntriesOutsideTheTokenContract() {
        Path file = dir.resolve("people.json");
        assertThatThrownBy(() -> PeopleDirectory.write(file, List.of(person("a", List.of("MANAGER")))))
                .hasMessageContaining("EMPLOYEE");
        assertThatThrownBy(() -> PeopleDirectory.write(file, List.of(person("a", List.of("EMPLOYEE", "ADMIN")))))
                .hasMessageContaining("roles");
        assertThatThrownBy(() -> PeopleDirectory.write(file, List.of(
                new Person("a", "pw", "not-a-uuid", "demo", List.of("EMPLOYEE"), null)))).hasMessageContaining("UUID");
        assertThatThrownBy(() -> PeopleDirectory.write(file, List.of(
                new Person("a", "pw", UUID.randomUUID().toString(), "Demo Org", List.of("EMPLOYEE"), null))))
                .hasMessageContaining("org");
        assertThatThrownBy(() -> PeopleDirectory.write(file, List.of(person("a", List.of("EMPLOYEE")),
                person("a", List.of("EMPLOYEE"))))).hasMessageContaining("duplicate");
        assertThat(file).doesNotExist();
    }
}
