package org.skillpath.dashboard.web;

import jakarta.servlet.http.HttpServletResponse;
import org.skillpath.dashboard.api.ServiceException;
import org.skillpath.dashboard.security.SignedIn;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A service's refusal or failure as a page a person can act on, never a stack trace: the services' rules
 * decide what the dashboard shows, and this says so in words.
 */
@ControllerAdvice
class ServiceErrors {

    @ExceptionHandler(ServiceException.class)
    ModelAndView refused(ServiceException e, HttpServletResponse response) {
        Problem problem = Problem.of(e);
        response.setStatus(problem.status());
        ModelAndView page = new ModelAndView("problem");
        page.addObject("problem", problem);
        // the page's navigation: model attributes of the failed handler do not carry over to this view
        if (SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof OidcUser user) {
            page.addObject("me", SignedIn.of(user));
        }
        return page;
    }

    /** What the problem page shows. */
    record Problem(int status, String heading, String explanation, String detail) {

        static Problem of(ServiceException e) {
            return switch (e.status()) {
                case 403 -> new Problem(403, "Not for you to see",
                        "You are signed in, but " + e.service() + " does not let you see or do this.", e.detail());
                case 404 -> new Problem(404, "Not found",
                        "There is nothing here for you: it does not exist, or it is not shared with you.", null);
                case 400, 409, 422 -> new Problem(e.status(), "That did not work",
                        e.service() + " refused the request.", e.detail());
                default -> new Problem(503, "Temporarily unavailable",
                        e.service() + " cannot answer right now. Please try again in a moment.", null);
            };
        }
    }
}
