package org.skillpath.plan.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.text.ConfusableText;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Validates and stores an organisation's own activities, one at a time or in bulk (an L&D platform syncing its
 * catalog). A batch is all or nothing: every problem of every entry is reported at once as problem details, and
 * nothing is stored unless all pass. Human text goes through the confusable-text check (normalised or refused).
 * An organisation's activity is stored as {@code <orgId>:<id>}, so it can neither collide with nor replace another
 * organisation's or the shared catalog's.
 */
@Component
class CatalogImport {

    static final int MAX_BATCH = 1000;
    static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";

    /** One activity as a client sends it (JSON body or CSV row). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record ActivityInput(String id, String title, String description, String format, List<String> skillIds,
                         Integer minLevel, Integer maxLevel, Double effortHours, Integer durationWeeks,
                         String provider, String externalId, String xapiActivityId, List<String> prerequisites) {
    }

    private final Catalog catalog;

    CatalogImport(Catalog catalog) {
        this.catalog = catalog;
    }

    static String storedId(String orgId, String id) {
        return orgId + ":" + id;
    }

    /** Upserts all or refuses all; returns the stored activities in input order. */
    List<Activity> upsert(String orgId, List<ActivityInput> inputs, String prefix) {
        if (inputs == null || inputs.isEmpty()) {
            throw ApiException.badRequest(prefix.isEmpty() ? "body" : prefix, "at least one activity");
        }
        if (inputs.size() > MAX_BATCH) {
            throw ApiException.badRequest(prefix, "at most " + MAX_BATCH + " activities per request");
        }
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> batchIds = new HashSet<>();
        for (ActivityInput in : inputs) {
            if (in != null && in.id() != null) {
                batchIds.add(in.id());
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Activity> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String at = inputs.size() == 1 && prefix.isEmpty() ? "" : prefix + "[" + i + "].";
            Activity a = validate(orgId, inputs.get(i), at, batchIds, problems);
            if (a != null && seen.put(a.id(), i) != null) {
                problems.add(new FieldProblem(at + "id", "appears twice in this request"));
            }
            out.add(a);
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid activities",
                    problems.size() + " problem(s): " + problems.get(0).field() + ": " + problems.get(0).reason()
                            + (problems.size() > 1 ? "; ..." : ""), problems);
        }
        catalog.store(out);
        return out;
    }

    private Activity validate(String orgId, ActivityInput in, String at, Set<String> batchIds,
                              List<FieldProblem> problems) {
        if (in == null) {
            problems.add(new FieldProblem(at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "missing"));
            return null;
        }
        int before = problems.size();
        if (in.id() == null || in.id().length() > 80 || !in.id().matches(SLUG)) {
            problems.add(new FieldProblem(at + "id", "a lowercase slug of at most 80 characters, e.g. lead-a-retro"));
        }
        String title = text(at + "title", in.title(), 200, true, problems);
        String description = text(at + "description", in.description(), 2000, true, problems);
        String provider = text(at + "provider", in.provider(), 200, false, problems);
        String externalId = text(at + "externalId", in.externalId(), 200, false, problems);
        Format format = null;
        try {
            format = in.format() == null ? null : Format.valueOf(in.format().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (format == null) {
            problems.add(new FieldProblem(at + "format", "one of COURSE, WORKSHOP, READING, MENTORING, FEEDBACK, "
                    + "NETWORKING, PRACTICE"));
        }
        if (in.skillIds() == null || in.skillIds().isEmpty() || in.skillIds().size() > 10
                || !in.skillIds().stream().allMatch(s -> s != null && s.length() <= 100 && s.matches(SLUG))) {
            problems.add(new FieldProblem(at + "skillIds", "1 to 10 skill ids (lowercase slugs)"));
        }
        int min = in.minLevel() == null ? 1 : in.minLevel();
        int max = in.maxLevel() == null ? 5 : in.maxLevel();
        if (min < 1 || max > 5 || min > max) {
            problems.add(new FieldProblem(at + "minLevel", "levels must satisfy 1 <= minLevel <= maxLevel <= 5"));
        }
        if (in.effortHours() == null || !(in.effortHours() > 0) || in.effortHours() > 500) {
            problems.add(new FieldProblem(at + "effortHours", "more than 0 and at most 500"));
        }
        if (in.durationWeeks() == null || in.durationWeeks() < 1 || in.durationWeeks() > 52) {
            problems.add(new FieldProblem(at + "durationWeeks", "1 to 52"));
        }
        String xapi = in.xapiActivityId();
        if (xapi != null && (xapi.length() > 500 || !xapi.matches("(?i)https?://[^\\s]+"))) {
            problems.add(new FieldProblem(at + "xapiActivityId", "an absolute http(s) IRI"));
        }
        List<String> prerequisites = new ArrayList<>();
        for (String p : in.prerequisites() == null ? List.<String>of() : in.prerequisites()) {
            String resolved = resolve(orgId, p, batchIds);
            if (resolved == null) {
                problems.add(new FieldProblem(at + "prerequisites", "unknown activity " + p));
            } else {
                prerequisites.add(resolved);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        String id = storedId(orgId, in.id());
        if (prerequisites.contains(id)) {
            problems.add(new FieldProblem(at + "prerequisites", "an activity cannot require itself"));
            return null;
        }
        return new Activity(id, orgId, title, description, format, format.bucket(), List.copyOf(in.skillIds()), min,
                max, in.effortHours(), in.durationWeeks(), provider, externalId,
                xapi != null ? xapi : Activity.XAPI_ACTIVITY_BASE + orgId + "/" + in.id(), prerequisites);
    }

    /** A prerequisite names a visible activity by its id, or one of the organisation's own by its short id. */
    private String resolve(String orgId, String p, Set<String> batchIds) {
        if (p == null || p.isBlank() || p.length() > 200) {
            return null;
        }
        if (batchIds.contains(p)) {
            return storedId(orgId, p);
        }
        if (catalog.find(orgId, p).isPresent()) {
            return p;
        }
        return catalog.find(orgId, storedId(orgId, p)).map(Activity::id).orElse(null);
    }

    private static String text(String field, String value, int max, boolean required, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "required"));
            }
            return null;
        }
        if (value.length() > max) {
            problems.add(new FieldProblem(field, "at most " + max + " characters"));
            return null;
        }
        try {
            return ConfusableText.clean(field, value.strip());
        } catch (ApiException refused) {
            problems.addAll(refused.errors());
            return null;
        }
    }
}
