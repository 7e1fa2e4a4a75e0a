package org.skillpath.kit.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import org.skillpath.kit.web.ApiException;

/**
 * Checks text that the system ingests (names, titles, imported frameworks) for mixed-script confusables
 * (Unicode TS #39, through ICU4J's {@link SpoofChecker}; no hand-written tables). Each word must stay within
 * one script (or an accepted CJK combination). A word that is mostly Latin and carries letters of another
 * script that look exactly like Latin letters (a Greek omicron for an "o") is normalised to those Latin
 * letters: that reading is unambiguous. Anything else suspicious is refused, naming the field and the
 * offending characters.
 */
public final class ConfusableText {

    private static final SpoofChecker WORD_CHECKER = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.INVISIBLE | SpoofChecker.MIXED_NUMBERS)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .build();
    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();

    private ConfusableText() {
    }

    /** What a check found: the text to store, and whether it differs from what was given. */
    public record Outcome(String text, boolean normalised) {
    }

    /**
     * @return the text to store (NFC, confusables normalised where unambiguous)
     * @throws ApiException 422 naming {@code field} when the text is refused
     */
    public static Outcome check(String field, String text) {
        if (text == null) {
            return new Outcome(null, false);
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            if (Character.isISOControl(cp) && cp != '\n' && cp != '\t' && cp != '\r') {
                throw ApiException.unprocessable(field, "contains the control character " + codePoint(cp));
            }
            if (Character.getType(cp) == Character.FORMAT) {
                throw ApiException.unprocessable(field, "contains the invisible formatting character " + codePoint(cp));
            }
            i += Character.charCount(cp);
        }
        StringBuilder out = new StringBuilder(nfc.length());
        boolean changed = !nfc.equals(text);
        for (String token : nfc.split("(?<=\\s)|(?=\\s)")) {
            if (token.isBlank() || WORD_CHECKER.failsChecks(token) == false) {
                out.append(token);
                continue;
            }
            String latin = towardsLatin(token);
            if (latin == null || WORD_CHECKER.failsChecks(latin)) {
                throw ApiException.unprocessable(field, "mixes scripts in a confusable way in \"" + token + "\" ("
                        + foreign(token) + "); use one script per word");
            }
            out.append(latin);
            changed = true;
        }
        return new Outcome(out.toString(), changed);
    }

    /** The cleaned text, or a 422 naming the field; for callers that do not care whether it changed. */
    public static String clean(String field, String text) {
        return check(field, text).text();
    }

    /**
     * Replaces a word's non-Latin letters by the ASCII letters they are confusable with, when the word has
     * Latin letters and every foreign letter has such a look-alike; else null (no unambiguous reading).
     */
    private static String towardsLatin(String word) {
        int latin = 0;
        int other = 0;
        StringBuilder b = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            int script = UScript.getScript(cp);
            if (script == UScript.LATIN) {
                latin++;
                b.appendCodePoint(cp);
            } else if (script == UScript.COMMON || script == UScript.INHERITED) {
                b.appendCodePoint(cp);
            } else {
                other++;
                String skeleton = SKELETONS.getSkeleton(new String(Character.toChars(cp)));
                char c = skeleton.length() == 1 ? skeleton.charAt(0) : 0;
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                    return null;
                }
                b.append(skeleton);
            }
        }
        return latin > 0 && other > 0 ? b.toString() : null;
    }

    private static String foreign(String word) {
        List<String> found = new ArrayList<>();
        word.codePoints().filter(cp -> {
            int s = UScript.getScript(cp);
            return s != UScript.LATIN && s != UScript.COMMON && s != UScript.INHERITED;
        }).distinct().limit(5).forEach(cp -> found.add("'" + new String(Character.toChars(cp)) + "' " + codePoint(cp)
                + " " + UScript.getName(UScript.getScript(cp))));
        return found.isEmpty() ? "invisible or mixed-number characters" : String.join(", ", found);
    }

    private static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }
}
