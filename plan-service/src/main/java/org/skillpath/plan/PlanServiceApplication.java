package org.skillpath.plan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns skill gaps into dated learning plans; owns the activity catalog and the people view used for mentoring. */
@SpringBootApplication
@EnableScheduling
public class PlanServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlanServiceApplication.class, args);
    }
}
