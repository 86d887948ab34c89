package cafe.stack;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged cafe service (JVM mode, JDK 25) run as a child process, with its log in the stack folder. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    /** Health, metrics and OpenAPI: the Quarkus management interface, on a port of its own. */
    public static final String MANAGEMENT_PORT = "quarkus.management.port";

    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path log;
    private final long startedAt;

    private ServiceProcess(String name, int port, int managementPort, Process process, Path log, long startedAt) {
        this.managementPort = managementPort;
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
    }

    /** Starts the packaged service, with its AOT cache when there is one, and config overrides as system properties. */
    public static ServiceProcess start(String name, int port, Map<String, String> config, Path logDir) {
        return start(name, port, config, logDir, true);
    }

    /** As {@link #start(String, int, Map, Path)}; {@code useAotCache} false starts it as a plain JVM (the bench compares). */
    public static ServiceProcess start(
            String name, int port, Map<String, String> config, Path logDir, boolean useAotCache) {
        Path jar = ServiceJvm.runJar(name);
        if (!Files.exists(jar)) {
            throw new StackException(name + " is not built (" + jar + " is missing). Run: make build");
        }
        Ports.requireFree(port, name);
        List<String> command = new ArrayList<>(ServiceJvm.command(name, useAotCache));
        command.add("-Dquarkus.http.port=" + port);
        int managementPort =
                config.containsKey(MANAGEMENT_PORT) ? Integer.parseInt(config.get(MANAGEMENT_PORT)) : Ports.freePort();
        command.add("-D" + MANAGEMENT_PORT + "=" + managementPort);
        config.forEach((key, value) -> {
            if (!key.equals(MANAGEMENT_PORT)) {
                command.add("-D" + key + "=" + value);
            }
        });
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            return new ServiceProcess(name, port, managementPort, process, log, System.nanoTime());
        } catch (IOException e) {
            throw new StackException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** Where health, metrics and the OpenAPI document are served (never through the edge). */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public long millisSinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
    }

    /** True once `/q/health/ready` answers 200; fails fast if the process has died. */
    public boolean ready() {
        if (!process.isAlive()) {
            throw new StackException(name + " exited with code " + process.exitValue() + " (see " + log + ")");
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Sends SIGTERM and returns at once, as Kubernetes does when it stops a pod. */
    public void sigterm() {
        process.destroy();
    }

    /** Waits for the process to end; true if it did in time. */
    public boolean awaitExit(java.time.Duration timeout) {
        return awaitExit((int) Math.max(1, timeout.toSeconds()));
    }

    /** Sends SIGKILL: a crash, not a shutdown. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(10);
    }

    /** Stops them all at once: each graceful shutdown takes seconds, and in turn they would add up. */
    public static void closeAll(java.util.Collection<ServiceProcess> services) {
        services.forEach(ServiceProcess::sigterm);
        services.parallelStream().forEach(ServiceProcess::close);
    }

    /** Sends SIGTERM and waits for the graceful shutdown. */
    @Override
    public void close() {
        process.destroy();
        if (!awaitExit(30)) {
            process.destroyForcibly();
            awaitExit(5);
        }
    }

    private boolean awaitExit(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
