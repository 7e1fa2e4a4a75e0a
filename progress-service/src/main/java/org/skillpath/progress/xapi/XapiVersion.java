package org.skillpath.progress.xapi;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillpath.kit.web.ApiException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The xAPI version rules (xAPI Communication 3.3): every response of the LRS carries
 * {@code X-Experience-API-Version} with the latest patch version; every request must carry it with a 1.0.x
 * version ("1.0" counts as 1.0.0); anything else is refused with 400.
 */
final class XapiVersion extends OncePerRequestFilter {

    static final String HEADER = "X-Experience-API-Version";
    static final String CURRENT = "1.0.3";
    private static final Pattern SUPPORTED = Pattern.compile("1\\.0(\\.\\d+)?");

    /** Set before the request is handled, so refusals and errors carry it too. */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, CURRENT);
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/xapi/");
    }

    static void require(String version) {
        if (version == null || version.isBlank()) {
            throw ApiException.badRequest(HEADER, "required; this LRS speaks xAPI " + CURRENT);
        }
        if (!SUPPORTED.matcher(version.trim()).matches()) {
            throw ApiException.badRequest(HEADER, "version " + version + " is not supported; send 1.0.x (this LRS speaks "
                    + CURRENT + ")");
        }
    }
}
