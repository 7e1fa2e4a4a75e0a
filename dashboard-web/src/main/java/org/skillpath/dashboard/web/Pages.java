package org.skillpath.dashboard.web;

import org.skillpath.dashboard.security.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The start page by role, the pages outside the sign-in, and who is signed in for every page's navigation. */
@Controller
@ControllerAdvice
class Pages {

    @ModelAttribute("me")
    SignedIn me(@AuthenticationPrincipal OidcUser user) {
        return user == null ? null : SignedIn.of(user);
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal OidcUser user) {
        return "redirect:" + SignedIn.of(user).home();
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "signed-out";
    }

    @GetMapping("/sign-in-failed")
    String signInFailed() {
        return "sign-in-failed";
    }
}
