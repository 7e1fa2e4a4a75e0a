package org.skillpath.dashboard.api;

/**
 * A service refused or failed a request made for the signed-in person. The page shows {@link #detail()} (the
 * service's problem-detail text, written for people) rather than anything technical.
 *
 * @param status the service's HTTP status, or 503 when it could not be reached at all
 */
public class ServiceException extends RuntimeException {

    private final String service;
    private final int status;
    private final String detail;

    public ServiceException(String service, int status, String detail, Throwable cause) {
        super(service + " answered " + status + (detail == null ? "" : ": " + detail), cause);
        this.service = service;
        this.status = status;
        this.detail = detail;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    /** The service's explanation, if it gave one. */
    public String detail() {
        return detail;
    }
}
