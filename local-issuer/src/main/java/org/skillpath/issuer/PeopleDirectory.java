package org.skillpath.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The people who can log in, read from a JSON file that the launcher writes after it has created them through
 * the API (so their person ids are known only then, while the issuer is already running). The file is checked
 * on every lookup and re-read when it changed; a broken file keeps the previous directory in use.
 */
public final class PeopleDirectory implements UserDetailsService {

    public static final Set<String> ROLES = Set.of("EMPLOYEE", "MANAGER", "LD_ADMIN");
    private static final Pattern ORG = Pattern.compile("[a-z0-9-]{1,63}");
    private static final Logger log = LoggerFactory.getLogger(PeopleDirectory.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Person>> PEOPLE = new TypeReference<>() {
    };

    /**
     * A person in the directory. In the file {@code password} is an encoded hash ({@code {bcrypt}...});
     * {@link #write} takes it in plain text.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String username, String password, String personId, String org, List<String> roles,
                         String name) {

        public Person {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        String displayName() {
            return name == null || name.isBlank() ? username : name;
        }
    }

    /** Where the directory was read from, so a change (atomic replace, edit) is noticed. */
    private record Stamp(Object fileKey, long modified, long size) {
    }

    private record Snapshot(Stamp stamp, Map<String, Person> byUsername) {
    }

    private final Path file;
    private volatile Snapshot snapshot = new Snapshot(null, Map.of());

    /** {@code file == null}: nobody can log in (clients still work). */
    public PeopleDirectory(Path file) {
        this.file = file;
        if (file == null) {
            log.warn("no people directory configured: only client-credentials tokens can be issued");
        }
    }

    public Optional<Person> find(String username) {
        return Optional.ofNullable(current().get(username));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Person p = find(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return User.withUsername(p.username()).password(p.password())
                .roles(p.roles().toArray(String[]::new)).build();
    }

    private Map<String, Person> current() {
        if (file == null) {
            return Map.of();
        }
        Stamp stamp = stamp(file);
        Snapshot seen = snapshot;
        if (Objects.equals(stamp, seen.stamp())) {
            return seen.byUsername();
        }
        synchronized (this) {
            seen = snapshot;
            if (!Objects.equals(stamp, seen.stamp())) {
                snapshot = new Snapshot(stamp, reload(stamp, seen.byUsername()));
            }
            return snapshot.byUsername();
        }
    }

    private Map<String, Person> reload(Stamp stamp, Map<String, Person> previous) {
        if (stamp == null) {
            return Map.of();
        }
        try {
            Map<String, Person> loaded = index(JSON.readValue(file.toFile(), PEOPLE), true);
            log.info("people directory {}: {} people", file, loaded.size());
            return loaded;
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("people directory {} is unusable, keeping the previous one: {}", file, e.getMessage());
            return previous;
        }
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.fileKey(), a.lastModifiedTime().toMillis(), a.size());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Person> index(List<Person> people, boolean hashed) {
        Map<String, Person> byUsername = new LinkedHashMap<>();
        for (Person p : people) {
            validate(p, hashed);
            if (byUsername.put(p.username(), p) != null) {
                throw new IllegalArgumentException("duplicate username " + p.username());
            }
        }
        return Map.copyOf(byUsername);
    }

    private static void validate(Person p, boolean hashed) {
        String who = p.username();
        if (who == null || who.isBlank()) {
            throw new IllegalArgumentException("a person without username");
        }
        if (p.password() == null || p.password().isEmpty() || hashed && !p.password().startsWith("{")) {
            throw new IllegalArgumentException(who + ": password must be " + (hashed ? "an encoded hash like {bcrypt}..." : "set"));
        }
        try {
            UUID.fromString(String.valueOf(p.personId()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(who + ": personId must be a UUID");
        }
        if (p.org() == null || !ORG.matcher(p.org()).matches()) {
            throw new IllegalArgumentException(who + ": org must be 1-63 lowercase letters, digits or hyphens");
        }
        if (!ROLES.containsAll(p.roles()) || !p.roles().contains("EMPLOYEE")) {
            throw new IllegalArgumentException(who + ": roles must include EMPLOYEE and be among " + ROLES);
        }
    }

    /**
     * Writes a directory file for the issuer to pick up: passwords are given in plain text and stored
     * BCrypt-hashed. The file is replaced atomically so a running issuer never reads half of it.
     */
    public static void write(Path file, List<Person> people) {
        index(people, false);
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<Person> hashed = new ArrayList<>();
        for (Person p : people) {
            hashed.add(new Person(p.username(), encoder.encode(p.password()), p.personId(), p.org(), p.roles(), p.name()));
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), hashed);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
