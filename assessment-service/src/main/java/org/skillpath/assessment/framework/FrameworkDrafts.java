package org.skillpath.assessment.framework;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an admin sends to create a framework or role profile (or a new version of one). */
public final class FrameworkDrafts {

    /** Identifiers: lowercase, stable, URL-safe. */
    public static final String KEY = "[a-z0-9][a-z0-9-]{0,63}";
    static final String KEY_MESSAGE = "lowercase letters, digits and hyphens, at most 64";

    private FrameworkDrafts() {
    }

    /** {@code id} is required to create a framework and must be absent or equal for a new version. */
    public record FrameworkDraft(@Pattern(regexp = KEY, message = KEY_MESSAGE) String id,
                                 @NotBlank @Size(max = 200) String name,
                                 @Size(max = 2000) String description,
                                 @Size(min = 5, max = 5, message = "exactly five levels, 1 to 5") List<@Valid @NotNull ScaleLevelDraft> scale,
                                 @NotEmpty @Size(max = 100) List<@Valid @NotNull SkillDraft> skills) {
    }

    public record ScaleLevelDraft(@Min(1) @Max(5) int level, @NotBlank @Size(max = 60) String name,
                                  @NotBlank @Size(max = 500) String descriptor) {
    }

    public record SkillDraft(@NotBlank @Pattern(regexp = KEY, message = KEY_MESSAGE) String id,
                             @NotBlank @Size(max = 120) String name,
                             @NotBlank @Pattern(regexp = KEY, message = KEY_MESSAGE) String category,
                             @Size(max = 1000) String description,
                             @NotEmpty @Size(max = 20) List<@Valid @NotNull IndicatorDraft> indicators) {
    }

    public record IndicatorDraft(@NotBlank @Pattern(regexp = KEY, message = KEY_MESSAGE) String id,
                                 @NotBlank @Size(max = 300) String text) {
    }

    /** {@code frameworkId} names the framework (its latest active version is what targets are checked against). */
    public record RoleProfileDraft(@Pattern(regexp = KEY, message = KEY_MESSAGE) String id,
                                   @NotBlank @Size(max = 120) String name,
                                   @NotBlank @Pattern(regexp = KEY, message = KEY_MESSAGE) String frameworkId,
                                   @NotEmpty @Size(max = 100) List<@Valid @NotNull TargetDraft> targets) {
    }

    public record TargetDraft(@NotBlank @Pattern(regexp = KEY, message = KEY_MESSAGE) String skillId,
                              @Min(1) @Max(5) int targetLevel,
                              @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("5.0") double weight) {
    }
}
