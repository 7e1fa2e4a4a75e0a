package org.skillpath.assessment.people;

import org.springframework.http.HttpStatus;

/** A refusal in SCIM terms (RFC 7644 §3.12): an HTTP status and, for 400s, a {@code scimType}. */
class ScimException extends RuntimeException {

    private final HttpStatus status;
    private final String scimType;

    ScimException(HttpStatus status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    static ScimException invalidValue(String attribute, String reason) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidValue", attribute + ": " + reason);
    }

    static ScimException invalidSyntax(String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidSyntax", detail);
    }

    static ScimException invalidPath(String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidPath", detail);
    }

    HttpStatus status() {
        return status;
    }

    String scimType() {
        return scimType;
    }
}
