package org.skillpath.kit.web;

import java.util.regex.Pattern;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link CurrentOrg}. Until tokens carry the organisation claim, the tenant travels in the
 * {@code X-Org-Id} header; every controller gets it from here, so the switch to the token is one change.
 */
public class CurrentOrgResolver implements HandlerMethodArgumentResolver {

    public static final String HEADER = "X-Org-Id";
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(CurrentOrg.class) && parameter.getParameterType() == String.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        String org = request.getHeader(HEADER);
        if (org == null || org.isBlank()) {
            throw ApiException.badRequest(HEADER, "required: the organisation the request acts for");
        }
        if (!VALID.matcher(org).matches()) {
            throw ApiException.badRequest(HEADER, "must be 1-63 lowercase letters, digits or hyphens");
        }
        return org;
    }
}
