package org.skillpath.plan.catalog;

import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A dated session of a workshop. {@code seatsLeft} and {@code reservations} change together in one conditional
 * update, so seats are never oversold and a reservation key is never counted twice.
 *
 * @param orgId        {@link Activity#SHARED} for the academy's open sessions, else the organisation running it
 * @param reservations the keys holding a seat (plan id | activity id)
 */
@Document("workshop_sessions")
@CompoundIndex(name = "activity_date", def = "{'activityId': 1, 'startsOn': 1}")
public record WorkshopSession(@Id String id, String orgId, String activityId, LocalDate startsOn, String location,
                              int capacity, int seatsLeft, List<String> reservations) {

    public WorkshopSession {
        reservations = reservations == null ? List.of() : List.copyOf(reservations);
    }
}
