package org.skillpath.bench;

import java.util.List;
import java.util.Map;

/** One way of running the pipeline under the same open-loop load: the real services, or the plain baseline. */
interface Arm {

    /** The topics of the three hops the stage watcher reads. */
    record Topics(String assessment, String plan, String notification) {
        List<String> all() {
            return List.of(assessment, plan, notification);
        }
    }

    String name();

    Topics topics();

    /** The consumer groups whose lag decides whether a rate holds. */
    List<KafkaLag.Group> lagGroups();

    /**
     * Creates the people the run's assessments are about (one manager per team, one person per assessment) and
     * waits until every consumer knows them: done before the measured window, never inside it.
     */
    List<Flight> prepare(String runId, int count, int warmupCount) throws Exception;

    /** Sends one assessment without waiting for it (open loop); stamps {@link Flight#accepted} when it is in. */
    void submit(Flight flight, MicroClock clock);

    /** Processes whose CPU and memory count for this arm, besides the benchmark's own JVM, by name. */
    Map<String, Long> processes();

    /** Waits until the arm has nothing left in flight (after a run, before the next). */
    boolean awaitIdle(java.time.Duration timeout) throws Exception;
}
