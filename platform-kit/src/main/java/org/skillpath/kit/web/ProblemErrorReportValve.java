package org.skillpath.kit.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some requests before Spring sees them (an encoded slash or NUL in the path, a malformed
 * request line) and would answer with its HTML error page. This valve answers those with RFC 9457 problem
 * details like every other refusal, and never with a stack trace.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            String title = status >= 500 ? "Internal error" : "Invalid request";
            String detail = status >= 500 ? "the request could not be completed"
                    : "the request was refused before reaching the application (malformed URL, path or request line)";
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"https://skillpath.dev/problems/" + status + "\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail
                        + "\",\"errors\":[{\"field\":\"url\",\"reason\":\"" + detail + "\"}]}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client went away or the response was committed meanwhile: nothing more to say
        }
    }
}
