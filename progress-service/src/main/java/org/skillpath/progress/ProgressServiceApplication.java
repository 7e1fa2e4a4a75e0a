package org.skillpath.progress;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Records progress along learning plans: step progress from people, managers, mentors and L&D platforms
 * (xAPI), the due-date and reassessment schedules, and the manager dashboard read model, all fed by the people,
 * assessment and plan topics and emitting on {@code skillpath.progress.v1}.
 */
@SpringBootApplication
public class ProgressServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProgressServiceApplication.class, args);
    }
}
