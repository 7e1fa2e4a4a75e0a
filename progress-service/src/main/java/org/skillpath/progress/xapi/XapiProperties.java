package org.skillpath.progress.xapi;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The L&D platform integration.
 *
 * @param accountHomePages        per organisation, the xAPI account homePages whose account names are this
 *                                organisation's people (an account name is a userName, an employeeNumber or a
 *                                Skillpath person id)
 * @param defaultAccountHomePages for organisations without their own entry
 * @param forward                 optional forwarding of Skillpath's own progress to an external LRS
 */
@ConfigurationProperties("skillpath.xapi")
public record XapiProperties(Map<String, List<String>> accountHomePages, List<String> defaultAccountHomePages,
                             Forward forward) {

    /**
     * @param endpoint        the LRS's base URL (its statements resource is {@code endpoint + "/statements"})
     * @param accountHomePage the homePage of the accounts that name Skillpath people in forwarded statements
     * @param activityBase    the IRI prefix of steps without an activity IRI of their own
     */
    public record Forward(boolean enabled, String endpoint, String username, String password, String accountHomePage,
                          String activityBase) {
    }

    public XapiProperties {
        accountHomePages = accountHomePages == null ? Map.of() : Map.copyOf(accountHomePages);
        defaultAccountHomePages = defaultAccountHomePages == null ? List.of() : List.copyOf(defaultAccountHomePages);
        forward = forward == null ? new Forward(false, null, null, null, null, null) : forward;
    }

    /** Whether statements with this account homePage name people of this organisation. */
    boolean acceptsHomePage(String orgId, String homePage) {
        List<String> pages = accountHomePages.getOrDefault(orgId, defaultAccountHomePages);
        String wanted = trimSlash(homePage);
        return pages.stream().anyMatch(p -> trimSlash(p).equalsIgnoreCase(wanted));
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
