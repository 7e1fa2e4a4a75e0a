package org.skillpath.assessment.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.skillpath.assessment.assessment.RaterGroup;
import org.skillpath.assessment.assessment.Scoring;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How assessments are run and scored.
 *
 * @param othersWeights       weights of manager, peers and reports in "others" (renormalised over who answered)
 * @param anonymityThreshold  answers a peer or report group needs to be shown on its own (never below 3)
 * @param defaultDueDays      days raters get when a request names no due date
 * @param maxDueDays          the furthest due date a request may set
 * @param closeInterval       how often the due-date job looks for assessments to close
 * @param closeLease          how long one instance holds an assessment it is closing
 */
@ConfigurationProperties("skillpath.assessment")
public record AssessmentSettings(Map<RaterGroup, Double> othersWeights, Integer anonymityThreshold, Integer defaultDueDays,
                                 Integer maxDueDays, Duration closeInterval, Duration closeLease) {

    public AssessmentSettings {
        Map<RaterGroup, Double> weights = new EnumMap<>(RaterGroup.class);
        // Groups the configuration leaves out keep their default weight rather than silently counting for nothing.
        weights.putAll(Scoring.DEFAULT_WEIGHTS);
        if (othersWeights != null) {
            weights.putAll(othersWeights);
        }
        if (weights.containsKey(RaterGroup.SELF)) {
            throw new IllegalArgumentException("skillpath.assessment.others-weights: self is never averaged into others");
        }
        weights.forEach((g, w) -> {
            if (w == null || !(w > 0)) {
                throw new IllegalArgumentException("skillpath.assessment.others-weights." + g + " must be positive");
            }
        });
        othersWeights = Map.copyOf(weights);
        anonymityThreshold = anonymityThreshold == null ? Scoring.ANONYMITY_THRESHOLD : anonymityThreshold;
        if (anonymityThreshold < Scoring.ANONYMITY_THRESHOLD) {
            throw new IllegalArgumentException("skillpath.assessment.anonymity-threshold must be at least 3");
        }
        defaultDueDays = defaultDueDays == null ? 14 : defaultDueDays;
        maxDueDays = maxDueDays == null ? 90 : maxDueDays;
        closeInterval = closeInterval == null ? Duration.ofSeconds(30) : closeInterval;
        closeLease = closeLease == null ? Duration.ofMinutes(1) : closeLease;
    }
}
