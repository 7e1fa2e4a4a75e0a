package org.skillpath.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Resident memory and CPU time of a process, and the machine's busy time, from /proc (Linux). */
final class ProcStats {

    /** USER_HZ: the unit of the CPU times in /proc; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    private ProcStats() {
    }

    /** VmRSS in kB; 0 when the process is gone. */
    static long residentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return 0;
    }

    /** User + system CPU seconds the process has used so far; 0 when it is gone. */
    static double cpuSeconds(long pid) {
        try {
            return cpuSecondsOf(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /**
     * CPU seconds the process's JIT compiler threads and its garbage collector have used so far, as
     * {@code {"jit": s, "gc": s}}: the share of a window's CPU that is the JVM warming up or collecting rather than
     * the application's own work. With the serial collector the "VM Thread" runs the collections (and the rare
     * other safepoint operation).
     */
    static Map<String, Double> jitAndGcSeconds(long pid) {
        double jit = 0;
        double gc = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    double used = cpuSecondsOf(stat);
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        jit += used;
                    } else if (comm.equals("VM Thread") || comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
                        gc += used;
                    }
                } catch (IOException | RuntimeException threadGone) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return Map.of("jit", jit, "gc", gc);
    }

    /** utime + stime of a process's or thread's stat line. */
    private static double cpuSecondsOf(String stat) {
        // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** CPU seconds the whole machine spent busy (all cores, not idle nor waiting for I/O) since boot. */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static String loadAverage() {
        try {
            List<String> f = List.of(Files.readString(Path.of("/proc/loadavg")).trim().split(" "));
            return String.join(" ", f.subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static long memoryTotalMb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (Exception e) {
            return 100;
        }
    }
}
