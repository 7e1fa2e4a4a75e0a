package org.skillpath.assessment.assessment;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** An assessment of {@code personId} against {@code roleProfileId}, with the raters' answers. */
public record AssessmentRequest(@NotBlank @Size(max = 64) String personId,
                                @NotBlank @Size(max = 64) String roleProfileId,
                                @NotEmpty @Size(max = 50) List<@Valid Rating> ratings) {
}
