package org.skillpath.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's report and plots again from its results.json (after a change to the report, without running
 * the benchmark again): {@code java -cp ... org.skillpath.bench.Rerender <folder>}, options as in the run.
 */
public final class Rerender {

    private Rerender() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        ObjectMapper json = JsonMapper.builder().build();
        JsonNode doc = json.readTree(folder.resolve("results.json").toFile());
        Map<String, Object> machine = json.convertValue(doc.get("machine"), new TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Object> calibration = json.convertValue(doc.get("calibration"),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        List<RunResult> runs = new ArrayList<>();
        doc.get("runs").forEach(r -> runs.add(json.treeToValue(r, RunResult.class)));
        List<Profiler.Summary> profiles = new ArrayList<>();
        doc.get("profiles").forEach(p -> profiles.add(json.treeToValue(p, Profiler.Summary.class)));
        JsonNode o = doc.get("options");
        System.setProperty("bench.mode", o.get("mode").asString());
        System.setProperty("bench.store", o.get("store").asString());
        System.setProperty("bench.duration", o.get("durationSec").asString());
        System.setProperty("bench.warmup", o.get("warmupSec").asString());
        System.setProperty("bench.serviceJvm", o.get("serviceJvm").asString());
        // Reports from before the minimum existed measured every rate for durationSec.
        System.setProperty("bench.minMeasured", o.has("minMeasured") ? o.get("minMeasured").asString() : "0");
        if (o.has("smtpNoDelay")) {
            System.setProperty("bench.smtpNoDelay", o.get("smtpNoDelay").asString());
        }
        new Report(Options.fromSystemProperties(), machine, runs, profiles, calibration).write(folder, json);
    }
}
