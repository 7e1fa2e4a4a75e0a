package org.skillpath.kit.web;

/** One entry of a problem's {@code errors} extension: which field, and why it was refused. */
public record FieldProblem(String field, String reason) {
}
