package org.skillpath.assessment.people;

import java.util.Objects;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a client may set on a person. The organisation comes from the caller, never from the body. */
public record PersonDetails(
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\p{Alnum}._@+-]+", message = "letters, digits and . _ @ + - only")
        String userName,
        @NotBlank @Size(max = 200) String displayName,
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 64) String managerId,
        @Size(max = 200) String department,
        @Size(max = 64) String employeeNumber,
        @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "a language tag such as en or en-GB") String locale,
        @Size(max = 64) String timeZone,
        Boolean active,
        Boolean mentorOptIn) {

    /** True when both describe the same directory entry: everything HR owns, i.e. all but the preferences. */
    boolean sameDirectoryEntryAs(PersonDetails other) {
        return Objects.equals(userName, other.userName) && Objects.equals(displayName, other.displayName)
                && Objects.equals(email, other.email) && Objects.equals(managerId, other.managerId)
                && Objects.equals(department, other.department) && Objects.equals(employeeNumber, other.employeeNumber)
                && !Boolean.FALSE.equals(active) == !Boolean.FALSE.equals(other.active);
    }

    /** This directory entry with the other's personal preferences: locale, time zone and mentoring opt-in. */
    PersonDetails withPreferencesOf(PersonDetails other) {
        return new PersonDetails(userName, displayName, email, managerId, department, employeeNumber, other.locale,
                other.timeZone, active, other.mentorOptIn);
    }
}
