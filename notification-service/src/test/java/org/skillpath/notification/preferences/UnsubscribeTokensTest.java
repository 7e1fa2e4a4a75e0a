package org.skillpath.notification.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.skillpath.notification.policy.Category;

/** Unsubscribe tokens are scoped, verifiable and unforgeable without the secret. */
class UnsubscribeTokensTest {

    private final UnsubscribeTokens tokens = new UnsubscribeTokens("a-test-secret-of-enough-length");

    @Example
    void aTokenCarriesItsPersonCategoryAndTenant() {
        String token = tokens.issue("acme", "p-1", Category.ENCOURAGEMENT);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(tokens.verify(token)).contains(new UnsubscribeTokens.Scope("acme", "p-1", Category.ENCOURAGEMENT));
    }

    @Example
    void aPayloadSwappedForAnotherCategoryOrPersonIsRefused() {
        String token = tokens.issue("acme", "p-1", Category.ENCOURAGEMENT);
        String signature = token.substring(token.indexOf('.') + 1);
        String otherPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("v1\nacme\np-2\nINVITATIONS".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(otherPayload + "." + signature)).isEmpty();
    }

    @Example
    void aTokenOfAnotherSecretOrGarbageIsRefused() {
        String foreign = new UnsubscribeTokens("another-secret-of-enough-length").issue("acme", "p-1", Category.REMINDERS);
        assertThat(tokens.verify(foreign)).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("no-dot")).isEmpty();
        assertThat(tokens.verify("a.b.c")).isEmpty();
        assertThat(tokens.verify("%%%.***")).isEmpty();
    }

    @Example
    void aShortSecretIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new UnsubscribeTokens("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skillpath.mail.unsubscribe-secret");
    }

    @Property(tries = 500)
    void anySingleCharacterChangedMakesTheTokenInvalid(@ForAll("people") String personId,
            @ForAll Category category, @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll("alphabet") char replacement) {
        String token = tokens.issue("acme", personId, category);
        int i = where % token.length();
        if (token.charAt(i) == replacement) {
            return;
        }
        String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
        // Base64 without padding ignores the low bits of a final character: such a change decodes the same.
        tokens.verify(tampered).ifPresent(scope -> assertThat(scope)
                .isEqualTo(new UnsubscribeTokens.Scope("acme", personId, category)));
        assertThat(tokens.verify(tampered).isEmpty() || sameBytes(token, tampered)).isTrue();
    }

    private static boolean sameBytes(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.", -1);
        if (pb.length != 2) {
            return false;
        }
        try {
            return java.util.Arrays.equals(Base64.getUrlDecoder().decode(pa[0]), Base64.getUrlDecoder().decode(pb[0]))
                    && java.util.Arrays.equals(Base64.getUrlDecoder().decode(pa[1]), Base64.getUrlDecoder().decode(pb[1]));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<String> people() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMinLength(1).ofMaxLength(36);
    }

    @Provide
    Arbitrary<Character> alphabet() {
        return Arbitraries.chars().range('a', 'z').range('A', 'Z').numeric().with('-', '_', '.');
    }
}
