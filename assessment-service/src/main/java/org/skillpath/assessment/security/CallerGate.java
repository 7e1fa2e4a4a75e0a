package org.skillpath.assessment.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Applies {@link AllowedCallers}. Registered ahead of the kit's per-organisation rate limiter, so a caller who
 * may not use a mass action at all (an employee calling the bulk import) is refused without spending the
 * organisation's budget for the HR system and admins who may.
 */
@Configuration(proxyBeanMethods = false)
class CallerGate implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            AllowedCallers allowed = method.getMethodAnnotation(AllowedCallers.class);
            if (allowed != null && !admits(allowed, Callers.current())) {
                throw Callers.forbidden("requires " + required(allowed));
            }
        }
        return true;
    }

    static boolean admits(AllowedCallers allowed, Caller caller) {
        if (caller.isPerson() && allowed.anyPerson()) {
            return true;
        }
        return Arrays.stream(allowed.roles()).anyMatch(caller::hasRole)
                || Arrays.stream(allowed.scopes()).anyMatch(caller::hasScope);
    }

    static String required(AllowedCallers allowed) {
        List<String> parts = new ArrayList<>();
        if (allowed.anyPerson()) {
            parts.add("a person's token");
        }
        if (allowed.roles().length > 0) {
            parts.add("the role " + String.join(" or ", allowed.roles()));
        }
        if (allowed.scopes().length > 0) {
            parts.add("the scope " + String.join(" or ", allowed.scopes()));
        }
        return String.join(" or ", parts);
    }
}
