package org.skillpath.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of a process, from /proc (Linux); 0 where /proc is not there. */
final class ResidentMemory {

    private ResidentMemory() {
    }

    static long kilobytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception ignored) {
            // not Linux, or the process ended
        }
        return 0;
    }
}
