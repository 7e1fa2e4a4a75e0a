package org.skillpath.dashboard.web;

import java.util.List;

import org.skillpath.dashboard.api.Dashboards.Gap;

/** One skill of a person's latest assessment: current level, target, and the gap in words. */
public record LevelRow(String skill, String current, String target, String gap) {

    public static List<LevelRow> of(List<Gap> levels) {
        return levels.stream().map(l -> {
            String skill = Formats.skillName(l.skillId(), l.skillName());
            if (l.targetLevel() == null) {
                return new LevelRow(skill, Formats.level(l.currentLevel()), "\u2014", "a strength");
            }
            double gap = l.targetLevel() - l.currentLevel();
            return new LevelRow(skill, Formats.level(l.currentLevel()), Formats.level(l.targetLevel()),
                    gap > 0 ? Formats.level(gap) + " to go" : "target met");
        }).toList();
    }
}
