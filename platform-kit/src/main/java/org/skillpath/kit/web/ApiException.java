package org.skillpath.kit.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A refusal the API explains with RFC 9457 problem details. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldProblem> errors;

    public ApiException(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " " + id + " does not exist", List.of());
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, List.of());
    }

    public static ApiException badRequest(String field, String reason) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + reason,
                List.of(new FieldProblem(field, reason)));
    }

    public static ApiException unprocessable(String field, String reason) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable request", field + ": " + reason,
                List.of(new FieldProblem(field, reason)));
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
