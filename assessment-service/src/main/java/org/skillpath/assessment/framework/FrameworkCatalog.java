package org.skillpath.assessment.framework;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The default soft-skill framework and role profiles, derived in clean text from the seed texts and shipped
 * with the service. Administered versions per organisation come with the framework admin API.
 */
@Component
public class FrameworkCatalog {

    private final SkillFramework defaultFramework;
    private final List<RoleProfile> roleProfiles;

    public FrameworkCatalog(ObjectMapper mapper) throws IOException {
        try (InputStream fw = new ClassPathResource("framework/default-framework.json").getInputStream();
             InputStream rp = new ClassPathResource("framework/role-profiles.json").getInputStream()) {
            this.defaultFramework = mapper.readValue(fw, SkillFramework.class);
            this.roleProfiles = List.copyOf(mapper.readValue(rp, new TypeReference<List<RoleProfile>>() { }));
        }
    }

    public SkillFramework defaultFramework() {
        return defaultFramework;
    }

    public List<RoleProfile> roleProfiles() {
        return roleProfiles;
    }

    public Optional<RoleProfile> roleProfile(String id) {
        return roleProfiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
