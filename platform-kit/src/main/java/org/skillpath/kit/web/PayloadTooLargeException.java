package org.skillpath.kit.web;

/** The request body exceeded {@code skillpath.http.max-body-bytes}. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
    }
}
