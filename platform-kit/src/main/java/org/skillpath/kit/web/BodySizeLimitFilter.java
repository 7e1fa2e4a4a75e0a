package org.skillpath.kit.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over a limit with 413 problem details: by the declared length before reading, and
 * by counting while reading when the length is not declared (chunked).
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long limit;

    public BodySizeLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            response.setStatus(413);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"https://skillpath.dev/problems/413\",\"title\":\"Payload too large\","
                    + "\"status\":413,\"detail\":\"request body larger than " + limit + " bytes\",\"instance\":\""
                    + request.getRequestURI().replace("\"", "") + "\",\"errors\":[{\"field\":\"body\",\"reason\":"
                    + "\"request body larger than " + limit + " bytes\"}]}");
            return;
        }
        chain.doFilter(new CountingRequest(request, limit), response);
    }

    private static final class CountingRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        CountingRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++count > limit) {
                            throw new PayloadTooLargeException(limit);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0 && (count += n) > limit) {
                            throw new PayloadTooLargeException(limit);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
