package org.skillpath.bench.baseline;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the real services produced for one calibration assessment: the event payloads and the plan-ready mail.
 * The baseline sends exactly these bytes (with its own ids substituted), so both arms move the same JSON and
 * the same mail; what the baseline does not do is compute them (scoring, planning, templating).
 *
 * @param ids the calibration's identifiers (person, organisation, assessment, plan, ...) by role
 */
public record Templates(Map<String, String> ids, String completed, String gaps, String planCreated, String nudgeSent,
                        String mailSubject, String mailFrom, String mailText, String mailHtml) {

    public static final String PERSON = "personId";
    public static final String MANAGER = "managerId";
    public static final String ORG = "orgId";
    public static final String ASSESSMENT = "assessmentId";
    public static final String PLAN = "planId";
    public static final String PLAN_EVENT = "planEventId";
    public static final String NUDGE = "nudgeId";
    public static final String DISPLAY_NAME = "displayName";
    public static final String EMAIL = "email";

    /** The calibration's ids mapped to a new flight's ids, for {@link #fill}. */
    Map<String, String> substitutions(Map<String, String> newIds) {
        Map<String, String> map = new LinkedHashMap<>();
        newIds.forEach((role, value) -> {
            String old = ids.get(role);
            if (old != null && value != null) {
                map.put(old, value);
            }
        });
        return map;
    }

    /** A copy of the template tree with every string value that is a calibration id replaced. */
    static ObjectNode fill(ObjectNode template, Map<String, String> substitutions) {
        ObjectNode copy = template.deepCopy();
        replace(copy, substitutions);
        return copy;
    }

    private static void replace(JsonNode node, Map<String, String> substitutions) {
        if (node instanceof ObjectNode o) {
            Map<String, String> replaced = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                JsonNode v = e.getValue();
                if (v.isString()) {
                    String s = substitutions.get(v.asString());
                    if (s != null) {
                        replaced.put(e.getKey(), s);
                    }
                } else {
                    replace(v, substitutions);
                }
            }
            replaced.forEach(o::put);
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isString()) {
                    String s = substitutions.get(v.asString());
                    if (s != null) {
                        a.set(i, s);
                    }
                } else {
                    replace(v, substitutions);
                }
            }
        }
    }

    static String fillText(String text, Map<String, String> substitutions) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<String, String> e : substitutions.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }
}
