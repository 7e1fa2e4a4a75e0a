package org.skillpath.plan.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The activities of one planning call indexed by id and by (skill, level), so that choosing steps for a gap
 * costs what that skill offers, not what the whole catalog holds. Lists are ordered for determinism: the
 * activities whose main skill it is first, then by id.
 */
public final class CatalogIndex {

    private static final List<Activity> NONE = List.of();

    private final Map<String, Activity> byId;
    private final Map<String, List<Activity>> bySkill;
    /** skill → level (1-5) → the activities that suit that level. */
    private final Map<String, List<List<Activity>>> bySkillLevel;
    /** skill → level (0 = any, 1-5) → bucket → the activities, in the order of {@link #forSkill}. */
    private final Map<String, List<Map<Bucket, List<Activity>>>> bySkillLevelBucket;
    private final Map<String, Set<Format>> formats;

    private CatalogIndex(Map<String, Activity> byId, Map<String, List<Activity>> bySkill,
                         Map<String, List<List<Activity>>> bySkillLevel,
                         Map<String, List<Map<Bucket, List<Activity>>>> bySkillLevelBucket,
                         Map<String, Set<Format>> formats) {
        this.byId = byId;
        this.bySkill = bySkill;
        this.bySkillLevel = bySkillLevel;
        this.bySkillLevelBucket = bySkillLevelBucket;
        this.formats = formats;
    }

    public static CatalogIndex of(Collection<Activity> activities) {
        Map<String, Activity> byId = new HashMap<>(activities.size() * 2);
        Map<String, List<Activity>> bySkill = new HashMap<>();
        for (Activity a : activities) {
            if (byId.putIfAbsent(a.id(), a) != null) {
                throw new IllegalArgumentException("activity " + a.id() + " appears twice");
            }
            for (String skill : a.skillIds()) {
                bySkill.computeIfAbsent(skill, s -> new ArrayList<>()).add(a);
            }
        }
        Map<String, List<List<Activity>>> bySkillLevel = new HashMap<>(bySkill.size() * 2);
        Map<String, List<Map<Bucket, List<Activity>>>> bySkillLevelBucket = new HashMap<>(bySkill.size() * 2);
        Map<String, Set<Format>> formats = new HashMap<>(bySkill.size() * 2);
        for (Map.Entry<String, List<Activity>> e : bySkill.entrySet()) {
            String skill = e.getKey();
            e.getValue().sort(Comparator.<Activity>comparingInt(a -> a.skillIds().get(0).equals(skill) ? 0 : 1)
                    .thenComparing(Activity::id));
            List<List<Activity>> levels = new ArrayList<>(6);
            levels.add(NONE);
            for (int level = 1; level <= 5; level++) {
                int l = level;
                levels.add(e.getValue().stream().filter(a -> a.suits(l)).toList());
            }
            bySkillLevel.put(skill, levels);
            List<Map<Bucket, List<Activity>>> byBucket = new ArrayList<>(6);
            for (int level = 0; level <= 5; level++) {
                List<Activity> at = level == 0 ? e.getValue() : levels.get(level);
                Map<Bucket, List<Activity>> split = new EnumMap<>(Bucket.class);
                for (Bucket b : Bucket.values()) {
                    split.put(b, at.stream().filter(a -> a.bucket() == b).toList());
                }
                byBucket.add(split);
            }
            bySkillLevelBucket.put(skill, byBucket);
            Set<Format> present = EnumSet.noneOf(Format.class);
            e.getValue().forEach(a -> present.add(a.format()));
            formats.put(skill, present);
            e.setValue(List.copyOf(e.getValue()));
        }
        return new CatalogIndex(byId, bySkill, bySkillLevel, bySkillLevelBucket, formats);
    }

    public Activity get(String id) {
        return byId.get(id);
    }

    /** Every activity of the skill, main-skill ones first, then by id. */
    public List<Activity> forSkill(String skillId) {
        return bySkill.getOrDefault(skillId, NONE);
    }

    /** The activities of the skill in the bucket that suit {@code level} (1-5; 0 for any level). */
    public List<Activity> suited(String skillId, int level, Bucket bucket) {
        List<Map<Bucket, List<Activity>>> levels = bySkillLevelBucket.get(skillId);
        return levels == null ? NONE : levels.get(Math.max(0, Math.min(5, level))).get(bucket);
    }

    /** Whether the skill has any activity of the format. */
    public boolean offers(String skillId, Format format) {
        return formats.getOrDefault(skillId, Set.of()).contains(format);
    }

    /** The activities of the skill that suit {@code level} (1-5), in the order of {@link #forSkill}. */
    public List<Activity> suited(String skillId, int level) {
        List<List<Activity>> levels = bySkillLevel.get(skillId);
        return levels == null ? NONE : levels.get(Math.max(1, Math.min(5, level)));
    }
}
