package org.skillpath.assessment.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which comments results may show, under the same anonymity rule as the scores of the same skill: a comment
 * appears under its group only when that group is shown on its own, under "others" when its group was folded,
 * and not at all when its group was withheld. Texts are sorted, so their order reveals nothing about who wrote
 * them or when.
 */
final class CommentDisclosure {

    static final String OTHERS = "OTHERS";

    private CommentDisclosure() {
    }

    static List<Assessment.Comments> disclose(List<Response> responses, List<SkillScore> scores) {
        Map<String, SkillScore> bySkill = scores.stream().collect(Collectors.toMap(SkillScore::skillId, Function.identity()));
        Map<String, Map<String, List<String>>> buckets = new TreeMap<>();
        for (Response r : responses) {
            if (r.comments() == null) {
                continue;
            }
            r.comments().forEach((skill, text) -> {
                String bucket = bucket(r.group(), bySkill.get(skill));
                if (bucket != null) {
                    buckets.computeIfAbsent(skill, k -> new TreeMap<>()).computeIfAbsent(bucket, k -> new ArrayList<>()).add(text);
                }
            });
        }
        List<Assessment.Comments> out = new ArrayList<>();
        buckets.forEach((skill, groups) -> groups.forEach((group, texts) ->
                out.add(new Assessment.Comments(skill, group, texts.stream().sorted().toList()))));
        return out;
    }

    private static String bucket(RaterGroup group, SkillScore score) {
        if (group == RaterGroup.SELF) {
            return RaterGroup.SELF.name();
        }
        if (score == null) {
            return null;
        }
        if (score.folded().contains(group)) {
            return OTHERS;
        }
        if (score.byGroup().containsKey(group)) {
            return group.name();
        }
        return null;
    }
}
