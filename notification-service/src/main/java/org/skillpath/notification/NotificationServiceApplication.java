package org.skillpath.notification;

import org.skillpath.notification.mail.StreamProviderProperty;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Nudges people by email: records each mail as intended, sends it, and reports it sent. */
@SpringBootApplication
@EnableScheduling
public class NotificationServiceApplication {

    public static void main(String[] args) {
        StreamProviderProperty.apply();
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}
