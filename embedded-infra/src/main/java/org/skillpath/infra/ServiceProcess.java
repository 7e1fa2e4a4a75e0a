package org.skillpath.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service run from its executable jar as a separate process on 127.0.0.1, logging to a file: how the local
 * stack's launcher and the pipeline benchmark run the services.
 */
public final class ServiceProcess {

    /** Small, quick-starting JVMs: four of them share two cores with the broker (the launcher's flags). */
    public static final List<String> SMALL_JVM = List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=192m");

    private final String name;
    private final Path jar;
    private final Path log;
    private final int port;
    private Process process;

    /**
     * @param servicesRoot the source tree whose {@code <name>/target/<name>-0.1.0-SNAPSHOT-exec.jar} runs
     * @param logs         where {@code <name>.log} is written
     */
    public ServiceProcess(String name, Path servicesRoot, Path logs, int port) {
        this.name = name;
        this.port = port;
        this.jar = servicesRoot.resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT-exec.jar");
        this.log = logs.resolve(name + ".log");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** Starts the jar with the {@code local} profile on this port, loopback only, and the given options. */
    public void start(List<String> jvmOptions, List<String> appArgs) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first "
                    + "(./mvnw -Prun and ./mvnw -Pbenchmark -DskipTests package do)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--spring.profiles.active=local", "--server.port=" + port,
                "--server.address=127.0.0.1"));
        command.addAll(appArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    }

    public boolean healthy(HttpClient http) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
