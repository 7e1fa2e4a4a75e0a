package org.skillpath.plan.catalog;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the open academy sessions of the default catalog's workshops rolling: every {@code every-weeks} weeks on
 * a Monday, {@code weeks-ahead} weeks ahead of the clock. Each session has a deterministic id and is created with
 * {@code $setOnInsert}, so every instance may run this at any time: existing sessions and their seats are never
 * touched.
 */
@Component
class AcademySessions {

    private static final Logger log = LoggerFactory.getLogger(AcademySessions.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final int everyWeeks;
    private final int weeksAhead;
    private final int capacity;

    AcademySessions(MongoTemplate mongo, Clock clock,
                    @Value("${skillpath.catalog.academy-sessions.every-weeks:2}") int everyWeeks,
                    @Value("${skillpath.catalog.academy-sessions.weeks-ahead:26}") int weeksAhead,
                    @Value("${skillpath.catalog.academy-sessions.capacity:12}") int capacity) {
        this.mongo = mongo;
        this.clock = clock;
        this.everyWeeks = everyWeeks;
        this.weeksAhead = weeksAhead;
        this.capacity = capacity;
    }

    @Scheduled(initialDelayString = "${skillpath.catalog.academy-sessions.refresh:PT6H}",
            fixedDelayString = "${skillpath.catalog.academy-sessions.refresh:PT6H}")
    void refresh() {
        List<Activity> workshops = mongo.find(new Query(Criteria.where("orgId").is(Activity.SHARED)
                .and("format").is(Format.WORKSHOP)), Activity.class);
        // Anchored on a fixed Monday, so every instance and every run picks the same dates.
        LocalDate anchor = LocalDate.of(2024, 1, 1);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long offset = java.time.temporal.ChronoUnit.WEEKS.between(anchor, first) % everyWeeks;
        first = first.plusWeeks(offset == 0 ? 0 : everyWeeks - offset);
        int created = 0;
        for (Activity workshop : workshops) {
            for (LocalDate date = first; date.isBefore(today.plusWeeks(weeksAhead)); date = date.plusWeeks(everyWeeks)) {
                String id = workshop.id() + "@" + date;
                created += mongo.upsert(new Query(Criteria.where("_id").is(id)), new Update()
                        .setOnInsert("orgId", Activity.SHARED).setOnInsert("activityId", workshop.id())
                        .setOnInsert("startsOn", date).setOnInsert("location", "Skillpath Academy, online")
                        .setOnInsert("capacity", capacity).setOnInsert("seatsLeft", capacity)
                        .setOnInsert("reservations", List.of()), WorkshopSession.class).getUpsertedId() == null ? 0 : 1;
            }
        }
        log.info("academy sessions: {} new for {} workshops", created, workshops.size());
    }
}
