package org.skillpath.assessment.people;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One person of a bulk import: {@link PersonDetails}, plus the manager by userName for first loads. */
public record PersonImport(
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\p{Alnum}._@+-]+", message = "letters, digits and . _ @ + - only")
        String userName,
        @NotBlank @Size(max = 200) String displayName,
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 64) String managerId,
        @Size(max = 128) String managerUserName,
        @Size(max = 200) String department,
        @Size(max = 64) String employeeNumber,
        @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "a language tag such as en or en-GB") String locale,
        @Size(max = 64) String timeZone,
        Boolean active,
        Boolean mentorOptIn) {

    PersonDetails details() {
        return new PersonDetails(userName, displayName, email, managerId, department, employeeNumber, locale, timeZone,
                active, mentorOptIn);
    }
}
