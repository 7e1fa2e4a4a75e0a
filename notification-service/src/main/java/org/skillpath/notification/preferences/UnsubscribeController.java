package org.skillpath.notification.preferences;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.skillpath.kit.web.ApiException;
import org.skillpath.notification.recipients.Recipient;
import org.skillpath.notification.recipients.RecipientRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * The unsubscribe link of every mail, without login: the signed token is the authority, for one person and one
 * category. {@code POST} is the RFC 8058 one-click (mail providers post {@code List-Unsubscribe=One-Click}): it
 * unsubscribes and answers 200 with a one-line page. {@code GET} (a person clicking the link) only shows a
 * confirmation button, so link scanners that follow URLs do not unsubscribe anyone. Both are public paths
 * ({@code skillpath.security.public-paths}): mail providers post without any bearer token.
 */
@RestController
@RequestMapping("/unsubscribe")
class UnsubscribeController {

    private static final Logger log = LoggerFactory.getLogger(UnsubscribeController.class);

    private final UnsubscribeTokens tokens;
    private final PreferencesStore store;
    private final RecipientRepository recipients;
    private final SpringTemplateEngine templates;

    UnsubscribeController(UnsubscribeTokens tokens, PreferencesStore store, RecipientRepository recipients,
                          SpringTemplateEngine templates) {
        this.tokens = tokens;
        this.store = store;
        this.recipients = recipients;
        this.templates = templates;
    }

    @GetMapping
    ResponseEntity<String> confirm(@RequestParam(required = false) String token) {
        UnsubscribeTokens.Scope scope = verified(token);
        return page(scope, false, "/unsubscribe?token=" + token);
    }

    @PostMapping
    ResponseEntity<String> unsubscribe(@RequestParam(required = false) String token) {
        UnsubscribeTokens.Scope scope = verified(token);
        // An erased person has nothing left to unsubscribe from; storing preferences would recreate data.
        boolean erased = recipients.findByPersonIdAndOrgId(scope.personId(), scope.orgId())
                .map(Recipient::isErased).orElse(false);
        if (!erased) {
            store.optOut(scope.orgId(), scope.personId(), scope.category());
            log.info("person {} of {} unsubscribed from {}", scope.personId(), scope.orgId(), scope.category());
        }
        return page(scope, true, null);
    }

    private UnsubscribeTokens.Scope verified(String token) {
        if (token == null || token.isBlank()) {
            throw ApiException.badRequest("token", "required: the token of the unsubscribe link");
        }
        return tokens.verify(token).orElseThrow(() ->
                ApiException.badRequest("token", "not a valid unsubscribe token (altered or not issued by Skillpath)"));
    }

    private ResponseEntity<String> page(UnsubscribeTokens.Scope scope, boolean done, String action) {
        Locale locale = recipients.findByPersonIdAndOrgId(scope.personId(), scope.orgId())
                .filter(r -> !r.isErased()).map(Recipient::preferredLocale).orElse(Locale.ENGLISH);
        Context context = new Context(locale);
        context.setVariable("category", scope.category().name());
        context.setVariable("done", done);
        context.setVariable("action", action);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store")
                .body(templates.process("web/unsubscribe.html", context));
    }
}
