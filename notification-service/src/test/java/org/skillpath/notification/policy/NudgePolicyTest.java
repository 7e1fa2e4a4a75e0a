package org.skillpath.notification.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.skillpath.notification.nudges.NudgeKind;
import org.skillpath.notification.policy.NudgePolicy.RecipientState;

/** The delivery policy as a pure function: what each kind of nudge does for each person at each moment. */
class NudgePolicyTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NIGHT = ZonedDateTime.of(LocalDate.of(2026, 11, 25), LocalTime.of(23, 0), BERLIN)
            .toInstant();
    private static final PersonPreferences DEFAULTS = PersonPreferences.defaults(QuietHours.DEFAULT);

    private static Decision decide(NudgeKind kind, RecipientState state, PersonPreferences prefs, Instant now,
                                   Instant expiresAt) {
        return NudgePolicy.decide(kind.category(), kind.respectsQuietHours(), kind.digestible(), expiresAt, state,
                BERLIN, prefs, now);
    }

    @Example
    void firstContactMailsGoOutAtNightRemindersWaitForTheMorning() {
        assertThat(decide(NudgeKind.PLAN_READY, RecipientState.ACTIVE, DEFAULTS, NIGHT, null))
                .isInstanceOf(Decision.Send.class);
        assertThat(decide(NudgeKind.RATER_INVITATION, RecipientState.ACTIVE, DEFAULTS, NIGHT, null))
                .isInstanceOf(Decision.Send.class);
        assertThat(decide(NudgeKind.MENTOR_INTRODUCTION, RecipientState.ACTIVE, DEFAULTS, NIGHT, null))
                .isInstanceOf(Decision.Send.class);
        assertThat(decide(NudgeKind.OVERDUE, RecipientState.ACTIVE, DEFAULTS, NIGHT, null)).isEqualTo(new Decision.Defer(
                ZonedDateTime.of(LocalDate.of(2026, 11, 26), LocalTime.of(8, 0), BERLIN).toInstant()));
    }

    @Example
    void optingOutOfEncouragementKeepsInvitations() {
        PersonPreferences noEncouragement = new PersonPreferences(Set.of(Category.ENCOURAGEMENT), DigestMode.OFF,
                QuietHours.DEFAULT);
        Instant noon = NIGHT.plusSeconds(13 * 3600);
        assertThat(decide(NudgeKind.ENCOURAGEMENT, RecipientState.ACTIVE, noEncouragement, noon, null))
                .isEqualTo(new Decision.Suppress(SuppressionReason.UNSUBSCRIBED));
        assertThat(decide(NudgeKind.RATER_INVITATION, RecipientState.ACTIVE, noEncouragement, noon, null))
                .isInstanceOf(Decision.Send.class);
    }

    @Example
    void aDigestReaderGetsRemindersGatheredButInvitationsAtOnce() {
        PersonPreferences daily = new PersonPreferences(Set.of(), DigestMode.DAILY, QuietHours.DEFAULT);
        assertThat(decide(NudgeKind.DUE_SOON, RecipientState.ACTIVE, daily, NIGHT, null)).isEqualTo(new Decision.Gather(
                ZonedDateTime.of(LocalDate.of(2026, 11, 26), LocalTime.of(8, 0), BERLIN).toInstant()));
        assertThat(decide(NudgeKind.RATER_INVITATION, RecipientState.ACTIVE, daily, NIGHT, null))
                .isInstanceOf(Decision.Send.class);
    }

    @Example
    void anExpiredReminderIsSuppressedWhateverElseHolds() {
        assertThat(decide(NudgeKind.DUE_SOON, RecipientState.ACTIVE, DEFAULTS, NIGHT, NIGHT))
                .isEqualTo(new Decision.Suppress(SuppressionReason.EXPIRED));
    }

    @Property(tries = 1000)
    void erasedAndInactivePeopleGetNothingAtAll(@ForAll NudgeKind kind, @ForAll("moments") Instant now,
                                                 @ForAll("prefs") PersonPreferences prefs) {
        assertThat(decide(kind, RecipientState.ERASED, prefs, now, null))
                .isEqualTo(new Decision.Suppress(SuppressionReason.ERASED));
        assertThat(decide(kind, RecipientState.INACTIVE, prefs, now, null))
                .isEqualTo(new Decision.Suppress(SuppressionReason.INACTIVE));
    }

    @Property(tries = 2000)
    void nothingIsSentInsideQuietHoursExceptFirstContactAndDigests(@ForAll NudgeKind kind,
            @ForAll("moments") Instant now, @ForAll("prefs") PersonPreferences prefs) {
        Decision d = decide(kind, RecipientState.ACTIVE, prefs, now, null);
        if (!prefs.subscribed(kind.category())) {
            assertThat(d).isEqualTo(new Decision.Suppress(SuppressionReason.UNSUBSCRIBED));
            return;
        }
        boolean quiet = prefs.quietHours().contains(now.atZone(BERLIN).toLocalTime());
        if (d instanceof Decision.Send) {
            assertThat(!quiet || !kind.respectsQuietHours()).as("sent in quiet hours").isTrue();
        } else if (d instanceof Decision.Defer defer) {
            assertThat(kind.respectsQuietHours()).isTrue();
            assertThat(defer.until()).isAfter(now);
            assertThat(prefs.quietHours().contains(defer.until().atZone(BERLIN).toLocalTime())).isFalse();
        } else if (d instanceof Decision.Gather gather) {
            assertThat(kind.digestible()).isTrue();
            assertThat(prefs.digest()).isNotEqualTo(DigestMode.OFF);
            assertThat(gather.digestAt()).isAfter(now);
        } else {
            throw new AssertionError("unexpected decision " + d);
        }
    }

    @Provide
    Arbitrary<Instant> moments() {
        return Arbitraries.longs().between(1_767_225_600L, 1_830_297_600L).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<PersonPreferences> prefs() {
        Arbitrary<Set<Category>> optedOut = Arbitraries.of(Category.class).set().ofMaxSize(3);
        Arbitrary<LocalTime> hours = Arbitraries.integers().between(0, 23).map(h -> LocalTime.of(h, 0));
        Arbitrary<QuietHours> quiet = hours.flatMap(s -> hours.map(e -> new QuietHours(s, e)));
        return optedOut.flatMap(o -> Arbitraries.of(DigestMode.class)
                .flatMap(d -> quiet.map(q -> new PersonPreferences(o, d, q))));
    }
}
