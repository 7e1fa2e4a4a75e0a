package org.skillpath.assessment.assessment;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One rater's answers: a 1-5 level per skill. */
public record Rating(@NotBlank @Size(max = 64) String raterId, @NotNull RaterGroup group,
                     @NotEmpty @Size(max = 100) Map<String, Integer> scores) {
}
