package org.skillpath.assessment.people;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import org.skillpath.kit.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals of the SCIM endpoints as SCIM {@code Error} bodies ({@code application/scim+json}, RFC 7644 §3.12),
 * which is what HR provisioning clients parse; the rest of the API answers with RFC 9457 problem details.
 * The detail always starts with the attribute at fault.
 */
@RestControllerAdvice(assignableTypes = ScimUsersController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScimErrors {

    static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final Logger log = LoggerFactory.getLogger(ScimErrors.class);

    @ExceptionHandler(ScimException.class)
    ResponseEntity<Map<String, Object>> scim(ScimException e) {
        return error(e.status(), e.scimType(), e.getMessage());
    }

    /**
     * Refusals of the directory itself (unknown manager, confusable name, duplicate userName, not found) and of
     * the caller (a role or scope missing).
     */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        return switch (e.status()) {
            case CONFLICT -> error(HttpStatus.CONFLICT, "uniqueness", e.getMessage());
            case NOT_FOUND -> error(HttpStatus.NOT_FOUND, null, e.getMessage());
            case FORBIDDEN -> error(HttpStatus.FORBIDDEN, null, e.getMessage());
            case UNAUTHORIZED -> error(HttpStatus.UNAUTHORIZED, null, e.getMessage());
            case CONTENT_TOO_LARGE -> error(HttpStatus.CONTENT_TOO_LARGE, null, e.getMessage());
            default -> error(HttpStatus.BAD_REQUEST, "invalidValue", e.getMessage());
        };
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof org.skillpath.kit.web.PayloadTooLargeException tooLarge) {
            return error(HttpStatus.CONTENT_TOO_LARGE, null, tooLarge.getMessage());
        }
        return error(HttpStatus.BAD_REQUEST, "invalidSyntax", "body: not a JSON object");
    }

    @ExceptionHandler({HandlerMethodValidationException.class, ConstraintViolationException.class,
            MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> parameter(Exception e) {
        return error(HttpStatus.BAD_REQUEST, "invalidValue", "query parameter: " + e.getMessage());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Map<String, Object>> concurrent(OptimisticLockingFailureException e) {
        return error(HttpStatus.CONFLICT, null, "the user was changed concurrently; retry");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        // Spring's own refusals (unsupported media type, method not allowed, missing parameter, ...) carry
        // their status: answer them as SCIM errors with that status, not as failures.
        if (e instanceof org.springframework.web.ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            return error(HttpStatus.valueOf(refusal.getStatusCode().value()), null, String.valueOf(refusal.getBody().getDetail()));
        }
        log.error("unexpected failure on a SCIM request", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, null, "the request could not be completed; it has been logged");
    }

    static ResponseEntity<Map<String, Object>> error(HttpStatus status, String scimType, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(ERROR_SCHEMA));
        body.put("status", String.valueOf(status.value()));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        return ResponseEntity.status(status).contentType(SCIM_JSON).body(body);
    }
}
