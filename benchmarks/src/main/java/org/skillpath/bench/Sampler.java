package org.skillpath.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twice a second during a run: each consumer group's lag, the assessments in flight (sent, not yet mailed) and
 * the resident memory of each process. Lag that holds flat over the measured window means the consumers keep
 * up; in flight catches a stage that is not a consumer (the outbox relays, the mail dispatcher).
 */
final class Sampler implements AutoCloseable {

    static final String IN_FLIGHT = "in flight";

    private final KafkaLag kafka;
    private final List<KafkaLag.Group> groups;
    private final List<Flight> flights;
    private final Map<String, Long> pids;
    private final MicroClock clock;
    private final long measureStart;
    private final long measureEnd;
    /** Rows: seconds since the measured window opened, then one value per series. */
    private final List<double[]> rows = new ArrayList<>();
    private final Map<String, Long> residentKb = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    Sampler(KafkaLag kafka, List<KafkaLag.Group> groups, List<Flight> flights, Map<String, Long> pids, MicroClock clock,
            long measureStart, long measureEnd) {
        this.kafka = kafka;
        this.groups = groups;
        this.flights = flights;
        this.pids = pids;
        this.clock = clock;
        this.measureStart = measureStart;
        this.measureEnd = measureEnd;
        thread = new Thread(this::loop, "bench-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    List<String> series() {
        List<String> names = new ArrayList<>(groups.stream().map(KafkaLag.Group::label).toList());
        names.add(IN_FLIGHT);
        return names;
    }

    private void loop() {
        while (running) {
            try {
                long now = clock.now();
                double[] row = new double[groups.size() + 2];
                row[0] = Math.round((now - measureStart) / 100_000.0) / 10.0;
                for (int i = 0; i < groups.size(); i++) {
                    row[i + 1] = kafka.lag(groups.get(i));
                }
                row[groups.size() + 1] = flights.stream()
                        .filter(f -> f.intended != 0 && f.intended <= now && f.mailed == 0 && f.error == null).count();
                synchronized (rows) {
                    rows.add(row);
                }
                if (now >= measureStart && now <= measureEnd) {
                    pids.forEach((name, pid) -> residentKb.merge(name, ProcStats.residentKb(pid), Math::max));
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("sampler: " + e);
            }
        }
    }

    /** Least-squares growth of each series over the measured window; flat when it grew by at most {@code allowed}. */
    Map<String, RunResult.LagGrowth> growth(long allowed) {
        double windowSec = (measureEnd - measureStart) / 1e6;
        List<double[]> window;
        synchronized (rows) {
            window = rows.stream().filter(r -> r[0] >= 0 && r[0] <= windowSec).toList();
        }
        Map<String, RunResult.LagGrowth> out = new LinkedHashMap<>();
        List<String> names = series();
        for (int s = 0; s < names.size(); s++) {
            int col = s + 1;
            double n = window.size();
            if (n < 3) {
                out.put(names.get(s), new RunResult.LagGrowth(Double.NaN, -1, true));
                continue;
            }
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            long max = 0;
            for (double[] r : window) {
                sx += r[0];
                sy += r[col];
                sxx += r[0] * r[0];
                sxy += r[0] * r[col];
                max = Math.max(max, (long) r[col]);
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            double growth = Math.round(slope * windowSec * 10) / 10.0;
            out.put(names.get(s), new RunResult.LagGrowth(growth, max, growth <= allowed));
        }
        return out;
    }

    Map<String, Long> residentMb() {
        Map<String, Long> mb = new LinkedHashMap<>();
        pids.keySet().forEach(name -> mb.put(name, residentKb.getOrDefault(name, 0L) / 1024));
        return mb;
    }

    List<double[]> samples() {
        synchronized (rows) {
            return List.copyOf(rows);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
