package org.skillpath.progress.schedule;

import java.time.Clock;

import org.skillpath.progress.progress.DueDateScan;
import org.skillpath.progress.progress.ReassessmentScan;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The scheduled jobs. Every instance schedules them; the lease inside each job decides which instance works.
 * {@code skillpath.schedule.enabled=false} turns the timers off (tests drive the jobs by hand).
 */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    @Bean
    JobLease jobLease(MongoTemplate mongo, Clock clock) {
        return JobLease.forThisInstance(mongo, clock);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "skillpath.schedule.enabled", havingValue = "true", matchIfMissing = true)
    static class Timers {

        private final DueDateScan dueDates;
        private final ReassessmentScan reassessments;

        Timers(DueDateScan dueDates, ReassessmentScan reassessments) {
            this.dueDates = dueDates;
            this.reassessments = reassessments;
        }

        @Scheduled(initialDelayString = "${skillpath.schedule.due-date-scan-interval:PT5M}",
                fixedDelayString = "${skillpath.schedule.due-date-scan-interval:PT5M}")
        void scanDueDates() {
            dueDates.runOnce();
        }

        @Scheduled(initialDelayString = "${skillpath.schedule.reassessment-scan-interval:PT15M}",
                fixedDelayString = "${skillpath.schedule.reassessment-scan-interval:PT15M}")
        void scanReassessments() {
            reassessments.runOnce();
        }
    }
}
