package org.skillpath.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

/** Jakarta Mail is told its stream provider by name, a class that exists; a value given from outside is kept. */
class StreamProviderPropertyTest {

    @Test
    void loadingTheComposerNamesAngusMailsProviderAndJakartaMailInstantiatesIt() throws Exception {
        Class.forName(MailComposer.class.getName());

        assertThat(System.getProperty(StreamProviderProperty.PROPERTY)).isEqualTo(StreamProviderProperty.ANGUS);
        // A wrong name would not fall back to the service lookup: FactoryFinder throws, and no mail goes out.
        assertThat(StreamProvider.class).isAssignableFrom(Class.forName(StreamProviderProperty.ANGUS));
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(StreamProviderProperty.ANGUS);
    }

    @Test
    void aValueSetBeforeIsKept() {
        String before = System.getProperty(StreamProviderProperty.PROPERTY);
        try {
            System.setProperty(StreamProviderProperty.PROPERTY, "com.example.OtherProvider");
            StreamProviderProperty.apply();
            assertThat(System.getProperty(StreamProviderProperty.PROPERTY)).isEqualTo("com.example.OtherProvider");
        } finally {
            if (before == null) {
                System.clearProperty(StreamProviderProperty.PROPERTY);
            } else {
                System.setProperty(StreamProviderProperty.PROPERTY, before);
            }
        }
    }
}
