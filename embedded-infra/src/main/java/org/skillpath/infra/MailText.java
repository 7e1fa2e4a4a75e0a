package org.skillpath.infra;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** Extracts the text/plain alternative of a MIME message (or its only text part). */
public final class MailText {

    private MailText() {
    }

    public static String plainText(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return String.valueOf(part.getContent());
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                String html = null;
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    String text = plainText(body);
                    if (text != null && body.isMimeType("text/plain")) {
                        return text;
                    }
                    if (text != null && html == null) {
                        html = text;
                    }
                }
                return html;
            }
            if (part.isMimeType("text/html")) {
                return String.valueOf(part.getContent());
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("unreadable mail part", e);
        }
    }
}
