package org.skillpath.plan.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The catalog every organisation starts with, read from {@value #RESOURCE}. Its text derives from seed material
 * that disguised Latin letters as Greek ones, so loading refuses anything but plain printable ASCII: a
 * look-alike character would otherwise be stored and shown silently.
 */
public final class DefaultCatalog {

    public static final String RESOURCE = "catalog/default-catalog.json";

    private DefaultCatalog() {
    }

    /** One entry of the file: an activity without what is derived (tenant, bucket, xAPI IRI). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String id, String title, String description, Format format, List<String> skillIds, int minLevel,
                 int maxLevel, double effortHours, int durationWeeks, String provider, String externalId,
                 List<String> prerequisites) {
    }

    /** Loads and checks the file; any problem fails with every problem listed. */
    public static List<Activity> load(ObjectMapper mapper) {
        List<Entry> entries;
        try (InputStream in = DefaultCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            entries = mapper.readValue(in, new TypeReference<List<Entry>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        List<String> problems = check(entries);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " is invalid: " + String.join("; ", problems));
        }
        return entries.stream().map(e -> Activity.of(e.id(), Activity.SHARED, e.title(), e.description(), e.format(),
                e.skillIds(), e.minLevel(), e.maxLevel(), e.effortHours(), e.durationWeeks(), e.provider(),
                e.externalId(), e.prerequisites())).toList();
    }

    static List<String> check(List<Entry> entries) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Entry e : entries) {
            if (e.id() == null || !e.id().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                problems.add("id " + e.id() + " is not a lowercase slug");
            } else if (!ids.add(e.id())) {
                problems.add("id " + e.id() + " appears twice");
            }
            if (e.format() == null) {
                problems.add(e.id() + ": format missing");
            }
            if (e.skillIds() == null || e.skillIds().isEmpty()) {
                problems.add(e.id() + ": no skill");
            }
            if (e.minLevel() < 1 || e.maxLevel() > 5 || e.minLevel() > e.maxLevel()) {
                problems.add(e.id() + ": levels must satisfy 1 <= minLevel <= maxLevel <= 5");
            }
            if (e.effortHours() <= 0 || e.durationWeeks() < 1) {
                problems.add(e.id() + ": effortHours must be positive and durationWeeks at least 1");
            }
            checkText(problems, e.id(), "title", e.title(), true);
            checkText(problems, e.id(), "description", e.description(), true);
            checkText(problems, e.id(), "provider", e.provider(), false);
            checkText(problems, e.id(), "externalId", e.externalId(), false);
        }
        for (Entry e : entries) {
            if (e.prerequisites() != null) {
                e.prerequisites().stream().filter(p -> !ids.contains(p))
                        .forEach(p -> problems.add(e.id() + ": unknown prerequisite " + p));
            }
        }
        return problems;
    }

    private static void checkText(List<String> problems, String id, String field, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                problems.add(id + ": " + field + " missing");
            }
            return;
        }
        text.codePoints().filter(c -> c < 0x20 || c > 0x7e).findFirst().ifPresent(c -> problems.add(
                id + ": " + field + " contains U+" + String.format("%04X", c) + ", only plain ASCII text is allowed"));
    }
}
