package org.skillpath.progress.xapi;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.skillpath.kit.web.FieldProblem;
import tools.jackson.databind.JsonNode;

/**
 * Validates an xAPI 1.0.3 statement the way an LRS must before storing it (xAPI Data 2.2, 2.4): required
 * actor, verb and object; no nulls outside extensions; no properties the specification does not define;
 * UUIDs, IRIs, timestamps and durations in their formats; booleans and numbers as JSON booleans and numbers.
 * It reads out what progress needs: the actor's account, the verb, the activity and the cmi5 progress.
 */
final class StatementValidator {

    static final String CMI5_PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress";

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Best effort, as the specification allows: a scheme, then no whitespace. */
    private static final Pattern IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+");
    private static final Pattern DURATION = Pattern.compile(
            "P(?=\\d|T\\d)(\\d+(\\.\\d+)?Y)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?W)?(\\d+(\\.\\d+)?D)?"
                    + "(T(?=\\d)(\\d+(\\.\\d+)?H)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?S)?)?");
    private static final Pattern VERSION = Pattern.compile("1\\.0(\\.\\d+)?");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");

    private static final Set<String> STATEMENT_KEYS = Set.of("id", "actor", "verb", "object", "result", "context",
            "timestamp", "stored", "authority", "version", "attachments");
    private static final Set<String> AGENT_KEYS = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid",
            "account", "member");
    private static final Set<String> IFIS = Set.of("mbox", "mbox_sha1sum", "openid", "account");
    private static final Set<String> RESULT_KEYS = Set.of("score", "success", "completion", "response", "duration",
            "extensions");
    private static final Set<String> SCORE_KEYS = Set.of("scaled", "raw", "min", "max");
    private static final Set<String> CONTEXT_KEYS = Set.of("registration", "instructor", "team", "contextActivities",
            "revision", "platform", "language", "statement", "extensions");
    private static final Set<String> ACTIVITY_KEYS = Set.of("objectType", "id", "definition");

    private StatementValidator() {
    }

    /** The account an actor is identified by, when it is identified by one. */
    record Account(String homePage, String name) {
    }

    /**
     * @param id         the statement id as sent (null when the LRS is to assign one)
     * @param activityId the object's id when the object is an Activity, else null
     * @param progress   the cmi5 progress extension (0-100), when present
     */
    record Parsed(String id, Account account, String verbId, String activityId, Integer progress, Instant timestamp) {
    }

    /** A statement's problems (empty when valid) and, if valid, what progress reads of it. */
    record Outcome(List<FieldProblem> problems, Parsed parsed) {
    }

    static Outcome validate(JsonNode statement, String path) {
        List<FieldProblem> problems = new ArrayList<>();
        if (statement == null || !statement.isObject()) {
            problems.add(new FieldProblem(path, "a statement is a JSON object"));
            return new Outcome(problems, null);
        }
        noNulls(statement, path, problems);
        onlyKeys(statement, STATEMENT_KEYS, path, problems);

        String id = null;
        JsonNode idNode = statement.get("id");
        if (idNode != null) {
            id = uuid(idNode, path + ".id", problems);
        }

        Account account = null;
        JsonNode actor = statement.get("actor");
        if (actor == null) {
            problems.add(new FieldProblem(path + ".actor", "required"));
        } else {
            account = agentOrGroup(actor, path + ".actor", problems);
        }

        String verbId = null;
        JsonNode verb = statement.get("verb");
        if (verb == null || !verb.isObject()) {
            problems.add(new FieldProblem(path + ".verb", verb == null ? "required" : "an object"));
        } else {
            onlyKeys(verb, Set.of("id", "display"), path + ".verb", problems);
            verbId = iri(verb.get("id"), path + ".verb.id", true, problems);
            languageMap(verb.get("display"), path + ".verb.display", problems);
        }

        String activityId = null;
        JsonNode object = statement.get("object");
        if (object == null || !object.isObject()) {
            problems.add(new FieldProblem(path + ".object", object == null ? "required" : "an object"));
        } else {
            activityId = object(object, path + ".object", problems);
        }

        Integer progress = null;
        JsonNode result = statement.get("result");
        if (result != null) {
            progress = result(result, path + ".result", problems);
        }

        JsonNode context = statement.get("context");
        if (context != null) {
            context(context, path + ".context", problems);
        }

        Instant timestamp = null;
        JsonNode ts = statement.get("timestamp");
        if (ts != null) {
            timestamp = timestamp(ts, path + ".timestamp", problems);
        }
        JsonNode stored = statement.get("stored");
        if (stored != null) {
            timestamp(stored, path + ".stored", problems);
        }
        JsonNode authority = statement.get("authority");
        if (authority != null) {
            agentOrGroup(authority, path + ".authority", problems);
        }
        JsonNode version = statement.get("version");
        if (version != null && !(version.isString() && VERSION.matcher(version.asString()).matches())) {
            problems.add(new FieldProblem(path + ".version", "a 1.0.x version"));
        }
        JsonNode attachments = statement.get("attachments");
        if (attachments != null && !attachments.isArray()) {
            problems.add(new FieldProblem(path + ".attachments", "an array"));
        }
        return new Outcome(problems, problems.isEmpty()
                ? new Parsed(id, account, verbId, activityId, progress, timestamp) : null);
    }

    private static Account agentOrGroup(JsonNode actor, String path, List<FieldProblem> problems) {
        if (!actor.isObject()) {
            problems.add(new FieldProblem(path, "an Agent or Group object"));
            return null;
        }
        onlyKeys(actor, AGENT_KEYS, path, problems);
        String type = text(actor.get("objectType"), path + ".objectType", problems);
        if (type != null && !type.equals("Agent") && !type.equals("Group")) {
            problems.add(new FieldProblem(path + ".objectType", "Agent or Group"));
            return null;
        }
        string(actor.get("name"), path + ".name", problems);
        int ifis = 0;
        for (String ifi : IFIS) {
            if (actor.has(ifi)) {
                ifis++;
            }
        }
        boolean group = "Group".equals(type);
        if (group) {
            JsonNode members = actor.get("member");
            if (members != null) {
                if (!members.isArray()) {
                    problems.add(new FieldProblem(path + ".member", "an array of Agents"));
                } else {
                    int i = 0;
                    for (JsonNode m : members) {
                        String at = path + ".member[" + i++ + "]";
                        if (m.isObject() && "Group".equals(m.path("objectType").asString(null))) {
                            problems.add(new FieldProblem(at, "a Group's members are Agents"));
                        } else {
                            agentOrGroup(m, at, problems);
                        }
                    }
                }
            }
            if (ifis > 1 || (ifis == 0 && members == null)) {
                problems.add(new FieldProblem(path, "a Group has members, or exactly one identifier"));
            }
        } else {
            if (actor.has("member")) {
                problems.add(new FieldProblem(path + ".member", "only Groups have members"));
            }
            if (ifis != 1) {
                problems.add(new FieldProblem(path, "an Agent has exactly one of mbox, mbox_sha1sum, openid, account"));
            }
        }
        JsonNode mbox = actor.get("mbox");
        if (mbox != null && !(mbox.isString() && mbox.asString().startsWith("mailto:") && mbox.asString().length() > 7)) {
            problems.add(new FieldProblem(path + ".mbox", "a mailto: IRI"));
        }
        JsonNode sha = actor.get("mbox_sha1sum");
        if (sha != null && !(sha.isString() && SHA1.matcher(sha.asString()).matches())) {
            problems.add(new FieldProblem(path + ".mbox_sha1sum", "a hex SHA-1"));
        }
        if (actor.has("openid")) {
            iri(actor.get("openid"), path + ".openid", true, problems);
        }
        JsonNode account = actor.get("account");
        if (account == null) {
            return null;
        }
        if (!account.isObject()) {
            problems.add(new FieldProblem(path + ".account", "an object"));
            return null;
        }
        onlyKeys(account, Set.of("homePage", "name"), path + ".account", problems);
        String homePage = iri(account.get("homePage"), path + ".account.homePage", true, problems);
        String name = string(account.get("name"), path + ".account.name", problems);
        if (account.get("name") == null || (name != null && name.isEmpty())) {
            problems.add(new FieldProblem(path + ".account.name", "required"));
        }
        return homePage == null || name == null || group ? null : new Account(homePage, name);
    }

    private static String object(JsonNode object, String path, List<FieldProblem> problems) {
        String type = text(object.get("objectType"), path + ".objectType", problems);
        if (type == null || type.equals("Activity")) {
            onlyKeys(object, ACTIVITY_KEYS, path, problems);
            JsonNode definition = object.get("definition");
            if (definition != null && !definition.isObject()) {
                problems.add(new FieldProblem(path + ".definition", "an object"));
            }
            return iri(object.get("id"), path + ".id", true, problems);
        }
        switch (type) {
            case "Agent", "Group" -> agentOrGroup(object, path, problems);
            case "StatementRef" -> {
                onlyKeys(object, Set.of("objectType", "id"), path, problems);
                uuid(object.get("id"), path + ".id", problems);
            }
            case "SubStatement" -> {
                for (String required : List.of("actor", "verb", "object")) {
                    if (!object.has(required)) {
                        problems.add(new FieldProblem(path + "." + required, "required"));
                    }
                }
            }
            default -> problems.add(new FieldProblem(path + ".objectType",
                    "Activity, Agent, Group, SubStatement or StatementRef"));
        }
        return null;
    }

    private static Integer result(JsonNode result, String path, List<FieldProblem> problems) {
        if (!result.isObject()) {
            problems.add(new FieldProblem(path, "an object"));
            return null;
        }
        onlyKeys(result, RESULT_KEYS, path, problems);
        bool(result.get("success"), path + ".success", problems);
        bool(result.get("completion"), path + ".completion", problems);
        string(result.get("response"), path + ".response", problems);
        JsonNode duration = result.get("duration");
        if (duration != null && !(duration.isString() && DURATION.matcher(duration.asString()).matches())) {
            problems.add(new FieldProblem(path + ".duration", "an ISO 8601 duration"));
        }
        JsonNode score = result.get("score");
        if (score != null) {
            if (!score.isObject()) {
                problems.add(new FieldProblem(path + ".score", "an object"));
            } else {
                onlyKeys(score, SCORE_KEYS, path + ".score", problems);
                for (String key : SCORE_KEYS) {
                    JsonNode n = score.get(key);
                    if (n != null && !n.isNumber()) {
                        problems.add(new FieldProblem(path + ".score." + key, "a number"));
                    }
                }
                JsonNode scaled = score.get("scaled");
                if (scaled != null && scaled.isNumber() && (scaled.doubleValue() < -1 || scaled.doubleValue() > 1)) {
                    problems.add(new FieldProblem(path + ".score.scaled", "between -1 and 1"));
                }
            }
        }
        JsonNode extensions = result.get("extensions");
        extensions(extensions, path + ".extensions", problems);
        if (extensions == null || !extensions.isObject() || !extensions.has(CMI5_PROGRESS)) {
            return null;
        }
        JsonNode progress = extensions.get(CMI5_PROGRESS);
        if (!progress.isIntegralNumber() || !progress.canConvertToInt() || progress.intValue() < 0
                || progress.intValue() > 100) {
            problems.add(new FieldProblem(path + ".extensions." + CMI5_PROGRESS, "an integer from 0 to 100"));
            return null;
        }
        return progress.intValue();
    }

    private static void context(JsonNode context, String path, List<FieldProblem> problems) {
        if (!context.isObject()) {
            problems.add(new FieldProblem(path, "an object"));
            return;
        }
        onlyKeys(context, CONTEXT_KEYS, path, problems);
        if (context.has("registration")) {
            uuid(context.get("registration"), path + ".registration", problems);
        }
        if (context.has("instructor")) {
            agentOrGroup(context.get("instructor"), path + ".instructor", problems);
        }
        string(context.get("revision"), path + ".revision", problems);
        string(context.get("platform"), path + ".platform", problems);
        string(context.get("language"), path + ".language", problems);
        JsonNode activities = context.get("contextActivities");
        if (activities != null) {
            if (!activities.isObject()) {
                problems.add(new FieldProblem(path + ".contextActivities", "an object"));
            } else {
                onlyKeys(activities, Set.of("parent", "grouping", "category", "other"), path + ".contextActivities",
                        problems);
            }
        }
        extensions(context.get("extensions"), path + ".extensions", problems);
    }

    private static void extensions(JsonNode extensions, String path, List<FieldProblem> problems) {
        if (extensions == null) {
            return;
        }
        if (!extensions.isObject()) {
            problems.add(new FieldProblem(path, "an object keyed by IRIs"));
            return;
        }
        for (String key : extensions.propertyNames()) {
            if (!IRI.matcher(key).matches()) {
                problems.add(new FieldProblem(path, "key " + key + " is not an IRI"));
            }
        }
    }

    private static void languageMap(JsonNode map, String path, List<FieldProblem> problems) {
        if (map == null) {
            return;
        }
        if (!map.isObject()) {
            problems.add(new FieldProblem(path, "a language map"));
            return;
        }
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (!e.getValue().isString()) {
                problems.add(new FieldProblem(path + "." + e.getKey(), "a string"));
            }
        }
    }

    private static Instant timestamp(JsonNode node, String path, List<FieldProblem> problems) {
        if (!node.isString()) {
            problems.add(new FieldProblem(path, "an ISO 8601 timestamp"));
            return null;
        }
        String text = node.asString();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                // The specification reads a timestamp without a zone as UTC.
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem(path, "an ISO 8601 timestamp"));
                return null;
            }
        }
    }

    /** The LRS must reject nulls anywhere but inside extensions (xAPI Data 2.2). */
    private static void noNulls(JsonNode node, String path, List<FieldProblem> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String at = path + "." + e.getKey();
                if (e.getValue().isNull()) {
                    problems.add(new FieldProblem(at, "null is not allowed"));
                } else if (!e.getKey().equals("extensions")) {
                    noNulls(e.getValue(), at, problems);
                }
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode element : node) {
                String at = path + "[" + i++ + "]";
                if (element.isNull()) {
                    problems.add(new FieldProblem(at, "null is not allowed"));
                } else {
                    noNulls(element, at, problems);
                }
            }
        }
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String path, List<FieldProblem> problems) {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                problems.add(new FieldProblem(path + "." + key, "not a property the specification defines here"));
            }
        }
    }

    private static String uuid(JsonNode node, String path, List<FieldProblem> problems) {
        if (node == null || !node.isString() || !UUID.matcher(node.asString()).matches()) {
            problems.add(new FieldProblem(path, "a UUID"));
            return null;
        }
        return node.asString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String iri(JsonNode node, String path, boolean required, List<FieldProblem> problems) {
        if (node == null) {
            if (required) {
                problems.add(new FieldProblem(path, "required"));
            }
            return null;
        }
        if (!node.isString() || !IRI.matcher(node.asString()).matches()) {
            problems.add(new FieldProblem(path, "an IRI with a scheme"));
            return null;
        }
        return node.asString();
    }

    private static String text(JsonNode node, String path, List<FieldProblem> problems) {
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            problems.add(new FieldProblem(path, "a string"));
            return null;
        }
        return node.asString();
    }

    private static String string(JsonNode node, String path, List<FieldProblem> problems) {
        return text(node, path, problems);
    }

    private static void bool(JsonNode node, String path, List<FieldProblem> problems) {
        if (node != null && !node.isBoolean()) {
            problems.add(new FieldProblem(path, "a boolean"));
        }
    }
}
