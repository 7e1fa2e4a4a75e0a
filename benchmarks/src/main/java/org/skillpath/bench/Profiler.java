package org.skillpath.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * CPU samples of every process during one run: JDK Flight Recorder started with jcmd in the service processes
 * and through the JFR API in this JVM, then summarised (by thread, by library, hottest methods).
 */
final class Profiler {

    /** Where a sample's time goes, by the first non-JDK frame from the top of its stack. */
    private static final List<String[]> LIBRARIES = List.of(
            new String[] {"org.skillpath.", "Skillpath code"},
            new String[] {"com.mongodb.", "MongoDB driver"},
            new String[] {"org.bson.", "MongoDB driver (BSON)"},
            new String[] {"org.springframework.data.", "Spring Data MongoDB"},
            new String[] {"org.apache.kafka.", "Kafka (client/broker)"},
            new String[] {"kafka.", "Kafka broker"},
            new String[] {"org.springframework.kafka.", "Spring Kafka"},
            new String[] {"org.springframework.cloud.", "Spring Cloud Stream/Function"},
            new String[] {"org.springframework.integration.", "Spring Integration"},
            new String[] {"org.springframework.messaging.", "Spring Messaging"},
            new String[] {"org.springframework.web.", "Spring MVC"},
            new String[] {"org.springframework.", "Spring (other)"},
            new String[] {"tools.jackson.", "Jackson 3"},
            new String[] {"com.fasterxml.jackson.", "Jackson 2"},
            new String[] {"org.apache.catalina.", "Tomcat"},
            new String[] {"org.apache.coyote.", "Tomcat"},
            new String[] {"org.apache.tomcat.", "Tomcat"},
            new String[] {"jakarta.mail.", "Jakarta Mail"},
            new String[] {"org.eclipse.angus.", "Jakarta Mail"},
            new String[] {"com.icegreen.", "GreenMail"},
            new String[] {"de.bwaldvogel.", "mongo-java-server"},
            new String[] {"org.h2.", "H2 (store backend)"},
            new String[] {"io.netty.", "Netty (store server)"},
            new String[] {"org.thymeleaf.", "Thymeleaf"},
            new String[] {"ch.qos.logback.", "Logging"},
            new String[] {"org.slf4j.", "Logging"},
            new String[] {"io.micrometer.", "Micrometer"},
            new String[] {"org.hibernate.validator.", "Bean Validation"},
            new String[] {"com.ibm.icu.", "ICU4J"},
            new String[] {"com.networknt.", "JSON Schema"},
            new String[] {"scala.", "Kafka broker (Scala)"},
            new String[] {"org.HdrHistogram.", "Benchmark"},
            new String[] {"org.skillpath.bench.", "Benchmark"});

    private static final String JFC = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="bench-cpu-samples">
              <event name="jdk.ExecutionSample">
                <setting name="enabled">true</setting>
                <setting name="period">10 ms</setting>
              </event>
            </configuration>
            """;

    private final Path dir;
    private final Path settings;
    private final Map<String, Path> files = new LinkedHashMap<>();
    private Recording self;

    /**
     * Only CPU samples, every 10 ms per running thread, recorded from the start in every process (the services
     * get {@link #jvmOptions()}): starting JFR with jcmd during a run cost the loaded machine enough CPU to tip
     * the system over, and JFR's own "profile" settings (allocation samples and more) slowed it too. Summaries
     * take only the samples of one run's measured window.
     */
    Profiler(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.settings = dir.resolve("cpu-samples.jfc");
        Files.writeString(settings, JFC);
    }

    List<String> jvmOptions() {
        return List.of("-XX:StartFlightRecording=name=bench,settings=" + settings + ",disk=true,maxsize=300m");
    }

    void startSelf() throws IOException, java.text.ParseException {
        self = new Recording(Configuration.create(settings));
        self.setToDisk(true);
        self.setMaxSize(300L * 1024 * 1024);
        self.start();
    }

    /** Writes every process's recording to a file (after the runs: jcmd costs nothing measured then). */
    void dump(Map<String, Long> pids) {
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            Path file = dir.resolve(fileName(e.getKey()) + ".jfr");
            files.put(e.getKey(), file);
            if (e.getValue() == ProcessHandle.current().pid()) {
                try {
                    self.dump(file);
                } catch (IOException ex) {
                    System.err.println("profiler dump: " + ex);
                }
            } else {
                jcmdQuietly(e.getValue(), "JFR.dump", "name=bench", "filename=" + file);
            }
        }
    }

    private static void jcmdQuietly(long pid, String... args) {
        try {
            jcmd(pid, args);
        } catch (Exception e) {
            System.err.println("jcmd " + pid + " " + String.join(" ", args) + ": " + e);
        }
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + ": " + out);
        }
    }

    /** One process's CPU samples, summarised. */
    record Summary(String process, String run, long samples, Map<String, Long> byThread, Map<String, Long> byLibrary,
                   Map<String, Long> hottestMethods, Map<String, Long> skillpathMethods) {
    }

    private static String fileName(String process) {
        return Report.fileName(process);
    }

    /** The samples of the given processes between two instants (a run's measured window), per process. */
    List<Summary> summarise(List<String> processes, java.time.Instant from, java.time.Instant to, String label) {
        List<Summary> out = new ArrayList<>();
        for (String name : processes) {
            Path file = files.get(name);
            try {
                if (file != null && Files.isRegularFile(file)) {
                    out.add(summarise(name, label, file, from, to));
                }
            } catch (IOException e) {
                System.err.println("profile of " + name + ": " + e);
            }
        }
        return out;
    }

    static Summary summarise(String process, String label, Path file, java.time.Instant from, java.time.Instant to)
            throws IOException {
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> skillpath = new HashMap<>();
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                var thread = event.getThread("sampledThread");
                String threadName = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
                threads.merge(threadName.replaceAll("\\d+", "#"), 1L, Long::sum);
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(method(frames.get(0)), 1L, Long::sum);
                libraries.merge(library(frames), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String m = method(f);
                    // Generated frames (lambdas, CGLIB proxies) repeat their method's share: leave them out.
                    if (m.startsWith("org.skillpath.") && !m.contains("$$") && !m.contains("lambda$") && seen.add(m)) {
                        skillpath.merge(m, 1L, Long::sum);
                    }
                }
            }
        }
        return new Summary(process, label, samples, top(threads, 10), top(libraries, 12), top(self, 15), top(skillpath, 15));
    }

    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("javax.")) {
                continue;
            }
            for (String[] lib : LIBRARIES) {
                if (type.startsWith(lib[0])) {
                    return lib[1];
                }
            }
            String[] parts = type.split("\\.");
            return parts.length > 2 ? parts[0] + "." + parts[1] + "." + parts[2] : type;
        }
        return "JDK only (I/O, collections, GC-adjacent)";
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static Map<String, Long> top(Map<String, Long> counts, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(n)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static String text(Summary s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s during %s: %d CPU samples (JFR jdk.ExecutionSample every 10 ms)%n",
                s.process(), s.run(), s.samples()));
        section(b, "by thread", s.byThread(), s.samples());
        section(b, "by library (first non-JDK frame from the top)", s.byLibrary(), s.samples());
        section(b, "hottest methods (self)", s.hottestMethods(), s.samples());
        section(b, "Skillpath methods on the stack (inclusive)", s.skillpathMethods(), s.samples());
        return b.toString();
    }

    private static void section(StringBuilder b, String title, Map<String, Long> counts, long total) {
        b.append("  ").append(title).append(":\n");
        counts.forEach((k, v) -> b.append(String.format(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * v / Math.max(1, total), k)));
    }
}
