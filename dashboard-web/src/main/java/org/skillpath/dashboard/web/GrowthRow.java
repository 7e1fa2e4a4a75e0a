package org.skillpath.dashboard.web;

/**
 * Growth of one skill between two assessments; {@code direction} says in words what an arrow would show.
 *
 * @param people how many people the averages cover (1 for one person's own growth)
 */
public record GrowthRow(String skill, String previous, String current, String change, String direction, int people) {

    public static GrowthRow of(String skill, double previous, double current, int people) {
        double change = current - previous;
        String direction = change > 0.05 ? "grew" : change < -0.05 ? "dropped" : "unchanged";
        return new GrowthRow(skill, Formats.level(previous), Formats.level(current), Formats.change(change), direction,
                people);
    }
}
