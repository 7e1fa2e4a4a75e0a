package org.skillpath.kit.security;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillpath.kit.web.ApiException;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Token buckets per (organisation, action) for {@link RateLimited} endpoints. Buckets live in each instance's
 * memory: with n instances an organisation gets at most n times the budget, which is enough to stop a runaway
 * script without a shared store on the hot path.
 */
public class OrgRateLimiter implements HandlerInterceptor {

    private final Environment environment;
    private final Clock clock;
    private static final String TAKEN = OrgRateLimiter.class.getName() + ".taken";

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public OrgRateLimiter(Environment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RateLimited limited = method.getMethodAnnotation(RateLimited.class);
        if (limited == null) {
            return true;
        }
        Caller caller = Callers.current();
        int perMinute = perMinute(limited.value());
        Bucket bucket = buckets.computeIfAbsent(caller.orgId() + "\u0000" + limited.value(), k -> new Bucket(perMinute));
        long waitSeconds = bucket.take(clock.millis(), perMinute);
        if (waitSeconds == 0) {
            request.setAttribute(TAKEN, bucket);
        } else {
            response.setHeader("Retry-After", Long.toString(waitSeconds));
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                    "the organisation's limit for " + limited.value() + " is " + perMinute
                            + " a minute; retry in " + waitSeconds + " s", List.of());
        }
        return true;
    }

    /**
     * A call the handler refused (no right to it, invalid input) gives its token back: runs before the
     * handler's own role checks, so without this anyone could spend the organisation's budget with refusals.
     */
    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(TAKEN) instanceof Bucket bucket && (ex != null || response.getStatus() >= 400)) {
            bucket.refund(perMinuteOf(handler));
        }
    }

    private int perMinuteOf(Object handler) {
        RateLimited limited = ((HandlerMethod) handler).getMethodAnnotation(RateLimited.class);
        return perMinute(limited.value());
    }

    int perMinute(String action) {
        Integer specific = environment.getProperty("skillpath.limits.mass-actions." + action + "-per-minute", Integer.class);
        return specific != null ? specific
                : environment.getProperty("skillpath.limits.mass-actions-per-minute", Integer.class, 60);
    }

    /** Refills continuously at perMinute/60 tokens a second up to perMinute. */
    static final class Bucket {
        private double tokens;
        private long lastMillis = -1;

        Bucket(int capacity) {
            this.tokens = capacity;
        }

        synchronized void refund(int capacity) {
            tokens = Math.min(capacity, tokens + 1);
        }

        /** Takes one token; returns 0 when granted, else the whole seconds until one is available. */
        synchronized long take(long nowMillis, int perMinute) {
            if (lastMillis >= 0 && nowMillis > lastMillis) {
                tokens = Math.min(perMinute, tokens + (nowMillis - lastMillis) * perMinute / 60_000.0);
            }
            lastMillis = Math.max(lastMillis, nowMillis);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double missing = 1 - tokens;
            return Math.max(1, (long) Math.ceil(missing * 60.0 / perMinute));
        }
    }
}
