package org.skillpath.kit.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every refusal as RFC 9457 problem details ({@code application/problem+json}) with an {@code errors} list of
 * {field, reason}; never a stack trace. Unexpected failures become a 500 problem without internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        return respond(problem(e.status(), e.title(), e.getMessage(), e.errors(), request));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", e.getMessage(),
                List.of(new FieldProblem("body", e.getMessage())), request));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e, HttpServletRequest request) {
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field())).toList();
        return respond(problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors), errors, request));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        List<FieldProblem> errors = List.of(new FieldProblem(e.getName(), "not a valid value: " + abbreviate(e.getValue())));
        return respond(problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors), errors, request));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, "Conflict", "a resource with the same identity exists already",
                List.of(), request));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrent(OptimisticLockingFailureException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, "Conflict", "the resource was changed concurrently; retry",
                List.of(), request));
    }

    /** Method security ({@code @PreAuthorize}) refusing inside the controller: the same 403 as the filters give. */
    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(org.springframework.security.access.AccessDeniedException e,
                                         HttpServletRequest request) {
        return respond(problem(HttpStatus.FORBIDDEN, "Forbidden", "the caller may not do this", List.of(), request));
    }

    @ExceptionHandler(org.springframework.security.core.AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(org.springframework.security.core.AuthenticationException e,
                                                  HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.UNAUTHORIZED, "Unauthorized", "a bearer token is required", List.of(), request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the request could not be completed; it has been logged", List.of(), request));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(ge -> errors.add(new FieldProblem(ge.getObjectName(), ge.getDefaultMessage())));
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors), errors, null);
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> {
            if (r instanceof org.springframework.validation.method.ParameterErrors bean) {
                // a validated body: name its fields, not the parameter
                bean.getFieldErrors().forEach(fe -> errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage())));
                bean.getGlobalErrors().forEach(ge -> errors.add(new FieldProblem(ge.getObjectName(), ge.getDefaultMessage())));
            } else {
                r.getResolvableErrors().forEach(err ->
                        errors.add(new FieldProblem(r.getMethodParameter().getParameterName(), err.getDefaultMessage())));
            }
        });
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors), errors, null);
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        // The Jackson exception that knows the field's path may wrap a more specific one (a date parser's).
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof DatabindException || t instanceof PayloadTooLargeException) {
                cause = t;
                break;
            }
        }
        if (cause instanceof PayloadTooLargeException tooLarge) {
            ProblemDetail body = problem(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", tooLarge.getMessage(),
                    List.of(new FieldProblem("body", tooLarge.getMessage())), null);
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
        }
        FieldProblem error;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            error = new FieldProblem(path(unknown), "unknown field");
        } else if (cause instanceof DatabindException bind) {
            error = new FieldProblem(path(bind), "wrong type or shape: " + abbreviate(bind.getOriginalMessage()));
        } else if (cause instanceof JacksonException json) {
            error = new FieldProblem("body", "malformed JSON: " + abbreviate(json.getOriginalMessage()));
        } else {
            error = new FieldProblem("body", "missing or unreadable request body");
        }
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(List.of(error)), List.of(error), null);
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static String path(DatabindException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldProblem> errors,
                                         HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("https://skillpath.dev/problems/" + status.value()));
        if (request != null) {
            p.setInstance(URI.create(request.getRequestURI()));
        }
        if (!errors.isEmpty()) {
            p.setProperty("errors", errors);
        }
        return p;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    private static String summary(List<FieldProblem> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; "));
    }

    private static String lastNode(String path) {
        int dot = path.indexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
