package org.skillpath.kit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.web.ApiException;

class ConfusableTextTest {

    @Test
    void cleanTextPassesUnchanged() {
        assertThat(ConfusableText.check("title", "Conflict resolution workshop (2 days)"))
                .isEqualTo(new ConfusableText.Outcome("Conflict resolution workshop (2 days)", false));
        assertThat(ConfusableText.clean("name", "Zoë Ó Súilleabháin")).isEqualTo("Zoë Ó Súilleabháin");
    }

    @Test
    void wordsWholeInAnotherScriptAreNames() {
        assertThat(ConfusableText.clean("name", "Ελένη Παπαδοπούλου")).isEqualTo("Ελένη Παπαδοπούλου");
        assertThat(ConfusableText.clean("name", "Ελένη Smith")).isEqualTo("Ελένη Smith");
        assertThat(ConfusableText.clean("name", "山田 太郎")).isEqualTo("山田 太郎");
    }

    @Test
    void greekOmicronsInLatinWordsAreNormalisedAsInTheSeedText() {
        // "Building Soft Skills" as the seed text writes it: Greek omicron (U+03BF) for most Latin o's
        ConfusableText.Outcome outcome = ConfusableText.check("title", "Building S\u03BFft Skills: The Secret t\u03BF Career");
        assertThat(outcome.text()).isEqualTo("Building Soft Skills: The Secret to Career");
        assertThat(outcome.normalised()).isTrue();
        assertThat(ConfusableText.clean("title", "\u039Fnline Netw\u03BFrking")).isEqualTo("Online Networking");
    }

    @Test
    void ambiguousMixturesAreRefusedNamingTheFieldAndTheCharacters() {
        // Cyrillic 'а' (U+0430) inside a mostly-Cyrillic word with a Latin letter: no unambiguous reading
        assertThatThrownBy(() -> ConfusableText.check("displayName", "\u0430\u0432\u0435p"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> {
                    ApiException api = (ApiException) e;
                    assertThat(api.errors().get(0).field()).isEqualTo("displayName");
                    assertThat(api.errors().get(0).reason()).contains("U+0430").contains("Cyrillic");
                });
        assertThatThrownBy(() -> ConfusableText.check("title", "bad\u0007bell")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ConfusableText.check("title", "in\u200Bvisible")).isInstanceOf(ApiException.class);
    }

    @Test
    void theOmicronSeedTextBecomesCleanLatinLineByLine() throws Exception {
        Path seeds = Path.of("..", "..", "shared", "seeds");
        Assumptions.assumeTrue(Files.isDirectory(seeds), "shared/seeds is not beside the clone");
        Path omicrons;
        try (Stream<Path> files = Files.list(seeds)) {
            omicrons = files.filter(f -> f.getFileName().toString().startsWith("000_")).findFirst().orElseThrow();
        }
        String text = Files.readString(omicrons);
        assertThat(text).contains("\u03BF");
        for (String line : text.split("\n")) {
            String clean = ConfusableText.clean("seed", line);
            assertThat(clean).doesNotContain("\u03BF", "\u039F");
        }
    }
}
