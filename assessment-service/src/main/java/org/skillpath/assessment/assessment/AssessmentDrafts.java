package org.skillpath.assessment.assessment;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the assessment lifecycle. */
public final class AssessmentDrafts {

    private AssessmentDrafts() {
    }

    /**
     * Requests a 360 assessment of {@code personId} against {@code roleProfileId}. The manager comes from the
     * directory; direct reports too unless {@code reportIds} names them; peers are named in {@code peerIds}.
     * {@code dueOn} is a date (ISO 8601); it is taken as text so that a malformed one is refused naming the field.
     */
    public record AssessmentRequestDraft(@NotBlank @Size(max = 64) String personId,
                                         @NotBlank @Size(max = 64) String roleProfileId,
                                         @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "a date such as 2026-03-31")
                                         String dueOn,
                                         @Size(max = 30) List<@NotBlank @Size(max = 64) String> peerIds,
                                         @Size(max = 30) List<@NotBlank @Size(max = 64) String> reportIds,
                                         Boolean includeSelf,
                                         Boolean includeManager,
                                         @Size(max = 64) String previousAssessmentId) {
    }

    /** A rater's answers: every indicator of the assessed skills, rated 1-5 or marked not observed. */
    public record ResponseDraft(@NotNull @Size(max = 500) List<@Valid @NotNull Answer> answers,
                                @Size(max = 100) Map<@NotBlank @Size(max = 64) String, @NotBlank @Size(max = 2000) String> comments) {
    }

    public record Answer(@NotBlank @Size(max = 64) String indicatorId, @Min(1) @Max(5) Integer level, Boolean notObserved) {
    }
}
