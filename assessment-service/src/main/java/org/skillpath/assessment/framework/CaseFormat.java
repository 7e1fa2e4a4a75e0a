package org.skillpath.assessment.framework;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.text.ConfusableText;
import org.skillpath.kit.web.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A framework as an IMS CASE 1.1 package subset: the framework is the {@code CFDocument}; categories, skills and
 * behavioural indicators are {@code CFItems} (told apart by {@code CFItemType}, identified for people by
 * {@code humanCodingScheme}); the hierarchy is {@code isChildOf} {@code CFAssociations}; the proficiency scale
 * travels as one {@code CFRubric}. Identifiers are name-based UUIDs, so exporting twice gives the same package.
 * Imports accept the CASE fields of those objects and refuse anything else, naming it.
 */
@Component
public class CaseFormat {

    static final String CATEGORY = "Category";
    static final String SKILL = "Skill";
    static final String INDICATOR = "Behavioural indicator";
    private static final Pattern OUR_URI = Pattern.compile("urn:skillpath:framework:([a-z0-9][a-z0-9-]{0,63}):\\d+");
    private static final Pattern KEY = Pattern.compile(FrameworkDrafts.KEY);

    private static final Set<String> PACKAGE_FIELDS = Set.of("CFDocument", "CFItems", "CFAssociations", "CFDefinitions",
            "CFRubrics");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("identifier", "uri", "frameworkType", "caseVersion", "creator",
            "title", "lastChangeDateTime", "officialSourceURL", "publisher", "description", "subject", "subjectURI",
            "language", "version", "adoptionStatus", "statusStartDate", "statusEndDate", "licenseURI", "notes",
            "CFPackageURI");
    private static final Set<String> ITEM_FIELDS = Set.of("identifier", "uri", "fullStatement", "alternativeLabel",
            "CFItemType", "humanCodingScheme", "listEnumeration", "abbreviatedStatement", "conceptKeywords",
            "conceptKeywordsURI", "notes", "subject", "subjectURI", "language", "educationLevel", "CFItemTypeURI",
            "licenseURI", "statusStartDate", "statusEndDate", "lastChangeDateTime", "CFDocumentURI");
    private static final Set<String> ASSOCIATION_FIELDS = Set.of("identifier", "associationType", "sequenceNumber", "uri",
            "originNodeURI", "destinationNodeURI", "CFAssociationGroupingURI", "lastChangeDateTime", "notes",
            "CFDocumentURI");

    private final ObjectMapper json;
    private final Validator validator;

    CaseFormat(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    // ---- export ----

    public ObjectNode export(String orgId, StoredFramework stored) {
        SkillFramework fw = stored.getContent();
        String base = "urn:skillpath:framework:" + fw.id() + ":" + fw.version();
        String changed = (stored.getRetiredAt() != null ? stored.getRetiredAt() : stored.getCreatedAt()).toString();
        ObjectNode root = json.createObjectNode();
        String docId = uuid(orgId, base);
        ObjectNode doc = root.putObject("CFDocument");
        doc.put("identifier", docId).put("uri", base).put("creator", "Skillpath").put("title", fw.name())
                .put("description", fw.description()).put("version", String.valueOf(fw.version()))
                .put("language", "en").put("caseVersion", "1.1").put("frameworkType", "Competency framework")
                .put("adoptionStatus", stored.getStatus() == FrameworkStatus.ACTIVE ? "Adopted" : "Deprecated")
                .put("lastChangeDateTime", changed);
        ObjectNode docRef = ref(fw.name(), docId, base);
        ArrayNode items = root.putArray("CFItems");
        ArrayNode associations = root.putArray("CFAssociations");
        Map<String, ObjectNode> categories = new LinkedHashMap<>();
        int seq = 0;
        for (SkillFramework.Skill skill : fw.skills()) {
            ObjectNode category = categories.computeIfAbsent(skill.category(), c -> {
                ObjectNode item = item(items, orgId, base, "category/" + c, CATEGORY, c, label(c), null, docRef, changed);
                associations.add(childOf(orgId, item, docRef, categories.size() + 1, docRef, changed));
                return item;
            });
            ObjectNode skillItem = item(items, orgId, base, "skill/" + skill.id(), SKILL, skill.id(),
                    skill.description().isBlank() ? skill.name() : skill.description(), skill.name(), docRef, changed);
            skillItem.put("listEnumeration", String.valueOf(++seq));
            associations.add(childOf(orgId, skillItem, refOf(category), seq, docRef, changed));
            int n = 0;
            for (SkillFramework.Indicator indicator : skill.indicators()) {
                ObjectNode ind = item(items, orgId, base, "indicator/" + indicator.id(), INDICATOR, indicator.id(),
                        indicator.text(), null, docRef, changed);
                ind.put("listEnumeration", String.valueOf(++n));
                associations.add(childOf(orgId, ind, refOf(skillItem), n, docRef, changed));
            }
        }
        ObjectNode rubric = root.putArray("CFRubrics").addObject();
        String rubricId = uuid(orgId, base + "/rubric");
        rubric.put("identifier", rubricId).put("uri", base + "/rubric").put("title", "Proficiency scale")
                .put("description", "The 1-5 proficiency scale every skill is rated on").put("lastChangeDateTime", changed);
        ObjectNode criterion = rubric.putArray("CFRubricCriteria").addObject();
        String criterionId = uuid(orgId, base + "/rubric/criterion");
        criterion.put("identifier", criterionId).put("uri", base + "/rubric/criterion").put("category", "proficiency")
                .put("description", "Proficiency").put("rubricId", rubricId).put("lastChangeDateTime", changed);
        ArrayNode levels = criterion.putArray("CFRubricCriterionLevels");
        for (SkillFramework.ScaleLevel l : fw.scale()) {
            levels.addObject().put("identifier", uuid(orgId, base + "/rubric/level/" + l.level()))
                    .put("uri", base + "/rubric/level/" + l.level()).put("quality", l.name()).put("description", l.descriptor())
                    .put("score", l.level()).put("position", l.level()).put("rubricCriterionId", criterionId)
                    .put("lastChangeDateTime", changed);
        }
        return root;
    }

    private ObjectNode item(ArrayNode items, String orgId, String base, String path, String type, String code,
                            String statement, String abbreviated, ObjectNode docRef, String changed) {
        ObjectNode item = items.addObject();
        item.put("identifier", uuid(orgId, base + "/" + path)).put("uri", base + "/" + path)
                .put("CFItemType", type).put("humanCodingScheme", code).put("fullStatement", statement);
        if (abbreviated != null) {
            item.put("abbreviatedStatement", abbreviated);
        }
        item.put("language", "en").put("lastChangeDateTime", changed).set("CFDocumentURI", docRef.deepCopy());
        return item;
    }

    private ObjectNode childOf(String orgId, ObjectNode child, ObjectNode parentRef, int seq, ObjectNode docRef,
                               String changed) {
        ObjectNode a = json.createObjectNode();
        String childUri = child.get("uri").asString();
        a.put("identifier", uuid(orgId, childUri + "#isChildOf")).put("uri", childUri + "#isChildOf")
                .put("associationType", "isChildOf").put("sequenceNumber", seq).put("lastChangeDateTime", changed);
        a.set("originNodeURI", refOf(child));
        a.set("destinationNodeURI", parentRef.deepCopy());
        a.set("CFDocumentURI", docRef.deepCopy());
        return a;
    }

    private ObjectNode refOf(ObjectNode item) {
        return ref(title(item), item.get("identifier").asString(), item.get("uri").asString());
    }

    private static String title(ObjectNode item) {
        return item.has("abbreviatedStatement") ? item.get("abbreviatedStatement").asString() : item.get("fullStatement").asString();
    }

    private ObjectNode ref(String title, String identifier, String uri) {
        ObjectNode r = json.createObjectNode();
        r.put("title", title).put("identifier", identifier).put("uri", uri);
        return r;
    }

    private static String uuid(String orgId, String uri) {
        return DeterministicIds.of("case", orgId, uri);
    }

    private static String label(String key) {
        String s = key.replace('-', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- import ----

    /**
     * Reads a CASE package into a framework draft. {@code frameworkId} names it; without one, a package this
     * service exported keeps its id, any other is named after its title.
     */
    public FrameworkDrafts.FrameworkDraft read(JsonNode root, String frameworkId) {
        requireObject(root, "body");
        checkFields(root, PACKAGE_FIELDS, "");
        JsonNode doc = requireObject(root.get("CFDocument"), "CFDocument");
        checkFields(doc, DOCUMENT_FIELDS, "CFDocument.");
        String title = ConfusableText.clean("CFDocument.title", text(doc, "title", "CFDocument.title", true));
        String description = ConfusableText.clean("CFDocument.description", text(doc, "description", "CFDocument.description", false));
        String key = frameworkId;
        if (key == null) {
            Matcher m = OUR_URI.matcher(text(doc, "uri", "CFDocument.uri", false) == null ? "" : doc.get("uri").asString());
            key = m.matches() ? m.group(1) : slug(title, "CFDocument.title");
        }
        JsonNode itemsNode = requireArray(root.get("CFItems"), "CFItems");
        JsonNode assocNode = root.get("CFAssociations") == null ? json.createArrayNode() : requireArray(root.get("CFAssociations"), "CFAssociations");

        Map<String, Integer> index = new HashMap<>();
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < itemsNode.size(); i++) {
            String f = "CFItems[" + i + "]";
            JsonNode item = requireObject(itemsNode.get(i), f);
            checkFields(item, ITEM_FIELDS, f + ".");
            String id = text(item, "identifier", f + ".identifier", true);
            if (index.put(id, i) != null) {
                throw ApiException.unprocessable(f + ".identifier", "identifier " + id + " appears twice");
            }
            kind(item, f);
            items.add(item);
        }
        Map<String, String> parentOf = new HashMap<>();
        for (int i = 0; i < assocNode.size(); i++) {
            String f = "CFAssociations[" + i + "]";
            JsonNode a = requireObject(assocNode.get(i), f);
            checkFields(a, ASSOCIATION_FIELDS, f + ".");
            if (!"isChildOf".equals(text(a, "associationType", f + ".associationType", true))) {
                continue; // other association types (exactMatchOf, isRelatedTo, ...) carry no hierarchy
            }
            String origin = text(requireObject(a.get("originNodeURI"), f + ".originNodeURI"), "identifier", f + ".originNodeURI.identifier", true);
            String dest = text(requireObject(a.get("destinationNodeURI"), f + ".destinationNodeURI"), "identifier", f + ".destinationNodeURI.identifier", true);
            if (!index.containsKey(origin)) {
                throw ApiException.unprocessable(f + ".originNodeURI.identifier", "no CFItem " + origin + " in the package");
            }
            if (parentOf.put(origin, dest) != null) {
                throw ApiException.unprocessable(f + ".originNodeURI.identifier", "item " + origin + " has two parents");
            }
        }

        List<FrameworkDrafts.SkillDraft> skills = new ArrayList<>();
        List<Integer> skillItems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (SKILL.equals(kind(items.get(i), "CFItems[" + i + "]"))) {
                skillItems.add(i);
            }
        }
        skillItems.sort(Comparator.comparing((Integer i) -> enumeration(items.get(i))).thenComparing(i -> i));
        for (int i : skillItems) {
            JsonNode item = items.get(i);
            String f = "CFItems[" + i + "]";
            String id = code(item, f);
            String statement = ConfusableText.clean(f + ".fullStatement", text(item, "fullStatement", f + ".fullStatement", true));
            String abbreviated = ConfusableText.clean(f + ".abbreviatedStatement", text(item, "abbreviatedStatement", f + ".abbreviatedStatement", false));
            String name = abbreviated != null ? abbreviated : statement;
            String category = "general";
            String parent = parentOf.get(item.get("identifier").asString());
            if (parent != null && index.containsKey(parent)) {
                int p = index.get(parent);
                if (!CATEGORY.equals(kind(items.get(p), "CFItems[" + p + "]"))) {
                    throw ApiException.unprocessable(f, "a skill must be a child of a category or of the document");
                }
                category = code(items.get(p), "CFItems[" + p + "]");
            }
            String itemId = item.get("identifier").asString();
            List<Integer> indicatorItems = new ArrayList<>();
            for (int j = 0; j < items.size(); j++) {
                if (INDICATOR.equals(kind(items.get(j), "CFItems[" + j + "]"))
                        && itemId.equals(parentOf.get(items.get(j).get("identifier").asString()))) {
                    indicatorItems.add(j);
                }
            }
            indicatorItems.sort(Comparator.comparing((Integer j) -> enumeration(items.get(j))).thenComparing(j -> j));
            List<FrameworkDrafts.IndicatorDraft> indicators = new ArrayList<>();
            for (int j : indicatorItems) {
                String fj = "CFItems[" + j + "]";
                indicators.add(new FrameworkDrafts.IndicatorDraft(code(items.get(j), fj),
                        ConfusableText.clean(fj + ".fullStatement", text(items.get(j), "fullStatement", fj + ".fullStatement", true))));
            }
            skills.add(new FrameworkDrafts.SkillDraft(id, name, category, abbreviated != null ? statement : "", indicators));
        }
        for (int j = 0; j < items.size(); j++) {
            if (INDICATOR.equals(kind(items.get(j), "CFItems[" + j + "]"))) {
                String parent = parentOf.get(items.get(j).get("identifier").asString());
                if (parent == null || !index.containsKey(parent) || !SKILL.equals(kind(items.get(index.get(parent)), "CFItems"))) {
                    throw ApiException.unprocessable("CFItems[" + j + "]", "a behavioural indicator must be a child (isChildOf) of a skill");
                }
            }
        }
        FrameworkDrafts.FrameworkDraft draft = new FrameworkDrafts.FrameworkDraft(key, title, description, scale(root.get("CFRubrics")), skills);
        for (ConstraintViolation<FrameworkDrafts.FrameworkDraft> v : validator.validate(draft)) {
            throw ApiException.unprocessable(v.getPropertyPath().toString(), v.getMessage());
        }
        return draft;
    }

    /** The first rubric criterion's levels, when the package carries a rubric; else the default scale applies. */
    private List<FrameworkDrafts.ScaleLevelDraft> scale(JsonNode rubrics) {
        if (rubrics == null || !rubrics.isArray() || rubrics.isEmpty()) {
            return null;
        }
        JsonNode criteria = rubrics.get(0).get("CFRubricCriteria");
        JsonNode levels = criteria == null || criteria.isEmpty() ? null : criteria.get(0).get("CFRubricCriterionLevels");
        if (levels == null || !levels.isArray()) {
            throw ApiException.unprocessable("CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels", "the proficiency levels are missing");
        }
        List<FrameworkDrafts.ScaleLevelDraft> scale = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            String f = "CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels[" + i + "]";
            JsonNode l = levels.get(i);
            if (l.get("score") == null || !l.get("score").isNumber()) {
                throw ApiException.unprocessable(f + ".score", "a number from 1 to 5");
            }
            scale.add(new FrameworkDrafts.ScaleLevelDraft(l.get("score").asInt(),
                    ConfusableText.clean(f + ".quality", text(l, "quality", f + ".quality", true)),
                    ConfusableText.clean(f + ".description", text(l, "description", f + ".description", true))));
        }
        return scale;
    }

    private static String kind(JsonNode item, String f) {
        String type = item.get("CFItemType") == null || item.get("CFItemType").isNull() ? "" : item.get("CFItemType").asString();
        switch (type.toLowerCase(Locale.ROOT)) {
            case "category", "domain":
                return CATEGORY;
            case "skill", "competency":
                return SKILL;
            case "behavioural indicator", "behavioral indicator", "indicator":
                return INDICATOR;
            default:
                throw ApiException.unprocessable(f + ".CFItemType", "one of Category, Skill, Behavioural indicator (was \"" + type + "\")");
        }
    }

    private static String code(JsonNode item, String f) {
        JsonNode c = item.get("humanCodingScheme");
        if (c != null && c.isString() && KEY.matcher(c.asString()).matches()) {
            return c.asString();
        }
        JsonNode name = item.get("abbreviatedStatement") != null ? item.get("abbreviatedStatement") : item.get("fullStatement");
        return slug(name == null ? "" : name.asString(), f + ".humanCodingScheme");
    }

    private static String slug(String text, String field) {
        String s = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > 64) {
            s = s.substring(0, 64).replaceAll("-+$", "");
        }
        if (s.isEmpty()) {
            throw ApiException.unprocessable(field, "cannot derive an id (lowercase letters, digits, hyphens) from it");
        }
        return s;
    }

    private static int enumeration(JsonNode item) {
        JsonNode n = item.get("listEnumeration");
        try {
            return n == null ? Integer.MAX_VALUE : Integer.parseInt(n.asString().trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static JsonNode requireObject(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(field, "an object is required");
        }
        return node;
    }

    private static JsonNode requireArray(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw ApiException.badRequest(field, "an array is required");
        }
        return node;
    }

    private static String text(JsonNode node, String name, String field, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.badRequest(field, "required");
            }
            return null;
        }
        if (!v.isString() || (required && v.asString().isBlank())) {
            throw ApiException.badRequest(field, "a non-empty string is required");
        }
        return v.asString();
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(prefix + name, "unknown field");
            }
        }
    }
}
