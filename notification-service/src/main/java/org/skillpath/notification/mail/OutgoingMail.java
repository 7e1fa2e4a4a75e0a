package org.skillpath.notification.mail;

import java.util.Locale;
import java.util.Map;

/**
 * One mail to compose: which nudge it delivers, which template renders it, to whom, in which language.
 *
 * @param kind           the nudge kind, sent as the {@code X-Skillpath-Kind} header
 * @param template       the template name under {@code templates/mail/} without extension, e.g. {@code plan-ready};
 *                       its subject is the message {@code mail.<template>.subject}
 * @param variables      what the template renders, besides {@code name}, {@code subject} and {@code unsubscribeUrl}
 * @param unsubscribeUrl the one-click link of this mail's category (RFC 8058), in the headers and the footer
 */
public record OutgoingMail(String nudgeId, String kind, String template, String toAddress, String toName,
                           Locale locale, Map<String, Object> variables, String unsubscribeUrl) {
}
