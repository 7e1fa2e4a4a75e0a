package org.skillpath.notification.preferences;

import org.skillpath.notification.policy.Category;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The public one-click unsubscribe URL of a person and category, for the mail headers and footer. */
@Component
public class UnsubscribeLinks {

    private final UnsubscribeTokens tokens;
    private final String baseUrl;

    public UnsubscribeLinks(UnsubscribeTokens tokens,
                            @Value("${skillpath.mail.public-base-url:http://127.0.0.1:8084}") String baseUrl) {
        this.tokens = tokens;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String urlFor(String orgId, String personId, Category category) {
        // The token's alphabet (base64url and '.') needs no URL encoding.
        return baseUrl + "/unsubscribe?token=" + tokens.issue(orgId, personId, category);
    }
}
