package org.skillpath.assessment.people;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps people to SCIM 2.0 {@code User} resources (RFC 7643 §4.1, with the enterprise extension's
 * {@code employeeNumber}, {@code department} and {@code manager}) and back, and applies PATCH operations
 * (RFC 7644 §3.5.2) to the resource before mapping it back, so PATCH and PUT share one set of rules. Attribute
 * names are case-insensitive, as SCIM says; attributes the schemas do not define are refused, those they define
 * but the directory does not keep (phone numbers, addresses, ...) are accepted and not stored.
 */
@Component
class ScimUsers {

    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private static final Set<String> CORE = Set.of("schemas", "id", "externalid", "meta", "username", "name", "displayname",
            "nickname", "profileurl", "title", "usertype", "preferredlanguage", "locale", "timezone", "active", "password",
            "emails", "phonenumbers", "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509certificates");
    private static final Set<String> ENTERPRISE_ATTRIBUTES = Set.of("employeenumber", "costcenter", "organization",
            "division", "department", "manager");
    private static final Pattern PATH = Pattern.compile(
            "^(?:(urn:[^\\s\\[]+):)?([A-Za-z][\\w$-]*)(?:\\[\\s*type\\s+eq\\s+\"([^\"]*)\"\\s*\\])?(?:\\.([A-Za-z][\\w$-]*))?$",
            Pattern.CASE_INSENSITIVE);

    private final ObjectMapper json;
    private final Validator validator;

    ScimUsers(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    // ---- person -> SCIM ----

    ObjectNode toScim(Person p) {
        ObjectNode u = json.createObjectNode();
        u.putArray("schemas").add(USER_SCHEMA).add(ENTERPRISE);
        u.put("id", p.getId()).put("userName", p.getUserName()).put("displayName", p.getDisplayName());
        u.putObject("name").put("formatted", p.getDisplayName());
        u.put("active", p.isActive()).put("locale", p.getLocale()).put("preferredLanguage", p.getLocale())
                .put("timezone", p.getTimeZone());
        u.putArray("emails").addObject().put("value", p.getEmail()).put("type", "work").put("primary", true);
        ObjectNode ext = u.putObject(ENTERPRISE);
        if (p.getEmployeeNumber() != null) {
            ext.put("employeeNumber", p.getEmployeeNumber());
        }
        if (p.getDepartment() != null) {
            ext.put("department", p.getDepartment());
        }
        if (p.getManagerId() != null) {
            ext.putObject("manager").put("value", p.getManagerId()).put("$ref", "../Users/" + p.getManagerId());
        }
        ObjectNode meta = u.putObject("meta");
        meta.put("resourceType", "User").put("location", "/scim/v2/Users/" + p.getId());
        if (p.getCreatedAt() != null) {
            meta.put("created", p.getCreatedAt().toString());
        }
        if (p.getChangedAt() != null) {
            meta.put("lastModified", p.getChangedAt().toString());
        }
        if (p.getVersion() != null) {
            meta.put("version", "W/\"" + p.getVersion() + "\"");
        }
        return u;
    }

    // ---- SCIM -> person ----

    /**
     * The details a User resource sets. {@code current} (null on create) supplies what SCIM does not own: the
     * person's mentoring opt-in.
     */
    PersonDetails fromScim(JsonNode body, Person current) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("body: a SCIM User object is required");
        }
        JsonNode schemas = get(body, "schemas");
        if (schemas == null || !schemas.isArray() || !contains(schemas, USER_SCHEMA)) {
            throw ScimException.invalidValue("schemas", "must list " + USER_SCHEMA);
        }
        ObjectNode ext = null;
        for (String name : names(body)) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals(ENTERPRISE.toLowerCase(Locale.ROOT))) {
                if (!contains(schemas, ENTERPRISE)) {
                    throw ScimException.invalidSyntax(name + ": the extension is used but not listed in schemas");
                }
                if (!body.get(name).isObject()) {
                    throw ScimException.invalidValue(name, "an object is required");
                }
                ext = (ObjectNode) body.get(name);
                for (String e : names(ext)) {
                    if (!ENTERPRISE_ATTRIBUTES.contains(e.toLowerCase(Locale.ROOT))) {
                        throw ScimException.invalidSyntax(ENTERPRISE + ":" + e + ": not an attribute of the enterprise extension");
                    }
                }
            } else if (!CORE.contains(lower)) {
                throw ScimException.invalidSyntax(name + ": not an attribute of the User schema");
            }
        }
        if (current != null && get(body, "id") != null && !current.getId().equals(text(body, "id"))) {
            throw new ScimException(org.springframework.http.HttpStatus.BAD_REQUEST, "mutability", "id: is read-only");
        }
        String userName = text(body, "userName");
        String displayName = text(body, "displayName");
        JsonNode name = get(body, "name");
        if (displayName == null && name != null && name.isObject()) {
            displayName = text(name, "formatted");
            if (displayName == null) {
                String given = text(name, "givenName");
                String family = text(name, "familyName");
                displayName = given == null ? family : family == null ? given : given + " " + family;
            }
        }
        String email = email(get(body, "emails"));
        String locale = text(body, "locale") != null ? text(body, "locale") : text(body, "preferredLanguage");
        if (locale != null) {
            locale = locale.replace('_', '-');
        }
        Boolean active = bool(body, "active");
        String employeeNumber = ext == null ? null : text(ext, "employeeNumber");
        String department = ext == null ? null : text(ext, "department");
        String managerId = null;
        JsonNode manager = ext == null ? null : get(ext, "manager");
        if (manager != null && !manager.isNull()) {
            managerId = manager.isString() ? manager.asString() : manager.isObject() ? text(manager, "value") : null;
            if (managerId == null || managerId.isBlank()) {
                throw ScimException.invalidValue(ENTERPRISE + ":manager", "manager.value must name the manager's id");
            }
        }
        PersonDetails d = new PersonDetails(userName, displayName, email, managerId, department, employeeNumber, locale,
                text(body, "timezone"), active, current == null ? null : current.isMentorOptIn());
        for (ConstraintViolation<PersonDetails> v : validator.validate(d)) {
            throw ScimException.invalidValue(scimName(v.getPropertyPath().toString()), v.getMessage());
        }
        return d;
    }

    private static String email(JsonNode emails) {
        if (emails == null || emails.isNull()) {
            throw ScimException.invalidValue("emails", "a work email is required (Skillpath sends invitations and plans by mail)");
        }
        if (!emails.isArray()) {
            throw ScimException.invalidValue("emails", "an array of {value, type, primary} is required");
        }
        JsonNode chosen = null;
        for (JsonNode e : emails) {
            if (!e.isObject() || text(e, "value") == null) {
                throw ScimException.invalidValue("emails", "each entry needs a value");
            }
            if (chosen == null || Boolean.TRUE.equals(bool(e, "primary"))
                    || ("work".equalsIgnoreCase(text(e, "type")) && !Boolean.TRUE.equals(bool(chosen, "primary")))) {
                chosen = e;
            }
        }
        if (chosen == null) {
            throw ScimException.invalidValue("emails", "a work email is required (Skillpath sends invitations and plans by mail)");
        }
        return text(chosen, "value");
    }

    private static String scimName(String property) {
        return switch (property) {
            case "email" -> "emails";
            case "timeZone" -> "timezone";
            case "managerId" -> ENTERPRISE + ":manager";
            case "department", "employeeNumber" -> ENTERPRISE + ":" + property;
            default -> property;
        };
    }

    // ---- PATCH ----

    /** Applies a PatchOp request to a User resource and returns the patched resource. */
    ObjectNode patch(ObjectNode user, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("body: a PatchOp object is required");
        }
        for (String name : names(body)) {
            if (!Set.of("schemas", "operations").contains(name.toLowerCase(Locale.ROOT))) {
                throw ScimException.invalidSyntax(name + ": not an attribute of a PatchOp request");
            }
        }
        JsonNode schemas = get(body, "schemas");
        if (schemas == null || !schemas.isArray() || !contains(schemas, PATCH_SCHEMA)) {
            throw ScimException.invalidValue("schemas", "must list " + PATCH_SCHEMA);
        }
        JsonNode ops = get(body, "Operations");
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw ScimException.invalidValue("Operations", "at least one operation is required");
        }
        if (ops.size() > 100) {
            throw ScimException.invalidValue("Operations", "at most 100 operations per request");
        }
        for (int i = 0; i < ops.size(); i++) {
            JsonNode op = ops.get(i);
            String f = "Operations[" + i + "]";
            if (!op.isObject()) {
                throw ScimException.invalidSyntax(f + ": an object is required");
            }
            for (String name : names(op)) {
                if (!Set.of("op", "path", "value").contains(name.toLowerCase(Locale.ROOT))) {
                    throw ScimException.invalidSyntax(f + "." + name + ": not an attribute of a patch operation");
                }
            }
            String kind = text(op, "op") == null ? "" : text(op, "op").toLowerCase(Locale.ROOT);
            if (!Set.of("add", "replace", "remove").contains(kind)) {
                throw ScimException.invalidSyntax(f + ".op: add, replace or remove");
            }
            String path = text(op, "path");
            JsonNode value = get(op, "value");
            if (path == null) {
                if (kind.equals("remove")) {
                    throw new ScimException(org.springframework.http.HttpStatus.BAD_REQUEST, "noTarget", f + ".path: remove needs a path");
                }
                if (value == null || !value.isObject()) {
                    throw ScimException.invalidValue(f + ".value", "an object of attributes is required without a path");
                }
                for (String name : names(value)) {
                    JsonNode v = value.get(name);
                    if (name.toLowerCase(Locale.ROOT).equals(ENTERPRISE.toLowerCase(Locale.ROOT)) && v.isObject()) {
                        ObjectNode ext = extension(user);
                        for (String e : names(v)) {
                            set(ext, e, v.get(e));
                        }
                    } else if (name.toLowerCase(Locale.ROOT).startsWith("urn:")) {
                        apply(user, name, kind, v, f);
                    } else {
                        set(user, name, v);
                    }
                }
            } else {
                if (!kind.equals("remove") && value == null) {
                    throw ScimException.invalidValue(f + ".value", "required for " + kind);
                }
                apply(user, path, kind, value, f);
            }
        }
        return user;
    }

    private void apply(ObjectNode user, String path, String kind, JsonNode value, String f) {
        Matcher m = PATH.matcher(path.trim());
        if (!m.matches()) {
            throw ScimException.invalidPath(f + ".path: unsupported path \"" + path + "\"");
        }
        String urn = m.group(1);
        String attribute = m.group(2);
        String typeFilter = m.group(3);
        String sub = m.group(4);
        ObjectNode target;
        if (urn == null || urn.equalsIgnoreCase(USER_SCHEMA)) {
            target = user;
        } else if (urn.equalsIgnoreCase(ENTERPRISE)) {
            target = extension(user);
        } else {
            throw ScimException.invalidPath(f + ".path: unknown schema " + urn);
        }
        if (typeFilter != null) {
            if (!attribute.equalsIgnoreCase("emails")) {
                throw ScimException.invalidPath(f + ".path: filters are supported on emails only");
            }
            if (kind.equals("remove")) {
                user.remove("emails");
                return;
            }
            // One email is kept: whatever address the filter targets becomes it.
            ObjectNode email = JsonNodeFactory.instance.objectNode();
            email.put("type", typeFilter).put("primary", true);
            if (sub == null) {
                if (!value.isObject()) {
                    throw ScimException.invalidValue(f + ".value", "an email object is required");
                }
                email.setAll((ObjectNode) value);
            } else {
                email.set(sub, value);
            }
            ArrayNode emails = user.putArray("emails");
            emails.add(email);
            return;
        }
        if (sub != null) {
            JsonNode parent = get(target, attribute);
            if (kind.equals("remove")) {
                if (parent != null && parent.isObject()) {
                    removeIgnoringCase((ObjectNode) parent, sub);
                }
                return;
            }
            ObjectNode obj = parent != null && parent.isObject() ? (ObjectNode) parent : JsonNodeFactory.instance.objectNode();
            set(obj, sub, value);
            set(target, attribute, obj);
            if (attribute.equalsIgnoreCase("name")) {
                removeIgnoringCase(user, "displayName"); // re-derived from the name
                if (!sub.equalsIgnoreCase("formatted")) {
                    obj.remove("formatted");
                }
            }
            return;
        }
        if (kind.equals("remove")) {
            removeIgnoringCase(target, attribute);
        } else {
            set(target, attribute, value);
        }
    }

    private ObjectNode extension(ObjectNode user) {
        JsonNode ext = get(user, ENTERPRISE);
        if (ext != null && ext.isObject()) {
            return (ObjectNode) ext;
        }
        ObjectNode created = user.putObject(ENTERPRISE);
        JsonNode schemas = user.get("schemas");
        if (schemas instanceof ArrayNode a && !contains(a, ENTERPRISE)) {
            a.add(ENTERPRISE);
        }
        return created;
    }

    // ---- JSON helpers: SCIM attribute names are case-insensitive ----

    private static void set(ObjectNode node, String name, JsonNode value) {
        removeIgnoringCase(node, name);
        node.set(name, value);
    }

    private static void removeIgnoringCase(ObjectNode node, String name) {
        for (String n : names(node)) {
            if (n.equalsIgnoreCase(name)) {
                node.remove(n);
            }
        }
    }

    static JsonNode get(JsonNode node, String name) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static java.util.List<String> names(JsonNode node) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.add(e.getKey());
        }
        return out;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = get(node, name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw ScimException.invalidValue(name, "a string is required");
        }
        return v.asString();
    }

    private static Boolean bool(JsonNode node, String name) {
        JsonNode v = get(node, name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        // Some provisioning clients send "True"/"False" as strings.
        if (v.isString() && (v.asString().equalsIgnoreCase("true") || v.asString().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.asString().toLowerCase(Locale.ROOT));
        }
        throw ScimException.invalidValue(name, "a boolean is required");
    }

    private static boolean contains(JsonNode array, String value) {
        for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); ) {
            JsonNode n = it.next();
            if (n.isString() && n.asString().equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }
}
