package cafe.bench;

import cafe.stack.CafeService;
import cafe.stack.LocalKeycloak;
import cafe.stack.Ports;
import cafe.stack.StackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The images of `make images`, each run as a container alone on the bench's stack (host network, locked down
 * as in the manifests): from no container to its readiness probe passing and to its first answered request of
 * a customer (or the role its API serves), the median of several starts, with the image's AOT cache and
 * without it (JAVA_TOOL_OPTIONS emptied); the image's size; its RSS after a warm-up of requests. And the
 * scale from zero of Knative: the image in the knative profile, from no container to the first event
 * delivered to /events and applied (202, as a KafkaSource's delivery held by the activator sees it) and to
 * the first answered request. Skipped, saying why, where podman or the images are missing.
 */
final class ContainerBench {

    /** One service's figures. */
    record Figures(
            String image,
            long sizeMb,
            long readyMs,
            long firstAnswerMs,
            long readyNoCacheMs,
            long firstAnswerNoCacheMs,
            long rssWarmMb,
            long knativeFirstEventMs,
            long knativeFirstAnswerMs) {}

    /** How a container starts: with its AOT cache, without it, or as on Knative (with the cache). */
    private enum Variant {
        AOT,
        NO_CACHE,
        KNATIVE
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    private static final int WARM_UP_REQUESTS = 1000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final StackSettings stack;
    private final LocalKeycloak issuer;
    private final Path podman = StackSettings.projectRoot().resolve("deploy/containers/podman.sh");
    private final String tag = System.getenv().getOrDefault("TAG", "");
    private final String prefix = System.getenv().getOrDefault("IMAGE_PREFIX", "localhost/cafe");

    ContainerBench(StackSettings stack, LocalKeycloak issuer) {
        this.stack = stack;
        this.issuer = issuer;
    }

    /** The figures of every service, or empty (and why, on the console) when the images are not there. */
    Optional<Map<String, Figures>> measure(int starts) throws InterruptedException {
        if (tag.isBlank() || !run(List.of("--version")).ok()) {
            System.out.println("  skipped: podman or the images' TAG is missing (`make images`, then `make bench`)");
            return Optional.empty();
        }
        for (String service : CafeService.NAMES) {
            if (!run(List.of("image", "exists", image(service))).ok()) {
                System.out.println("  skipped: no image " + image(service) + " (`make images` builds it)");
                return Optional.empty();
            }
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        for (String service : CafeService.NAMES) {
            List<long[]> cached = new ArrayList<>();
            List<long[]> plain = new ArrayList<>();
            List<long[]> knative = new ArrayList<>();
            long rss = 0;
            for (int i = 0; i < starts; i++) {
                boolean last = i == starts - 1;
                cached.add(startOnce(service, Variant.AOT, last));
                plain.add(startOnce(service, Variant.NO_CACHE, false));
                knative.add(startOnce(service, Variant.KNATIVE, false));
                if (last) {
                    rss = cached.getLast()[2];
                }
            }
            Figures f = new Figures(
                    image(service),
                    sizeMb(service),
                    median(cached, 0),
                    median(cached, 1),
                    median(plain, 0),
                    median(plain, 1),
                    rss,
                    median(knative, 3),
                    median(knative, 1));
            figures.put(service, f);
            System.out.printf(
                    "  %-16s %4d MB  from no container: ready %4d ms, first answer %4d ms (without the cache %4d / %4d ms);"
                            + " RSS after %d requests %d MB; on Knative from zero: first event applied %4d ms,"
                            + " first answer %4d ms%n",
                    service,
                    f.sizeMb(),
                    f.readyMs(),
                    f.firstAnswerMs(),
                    f.readyNoCacheMs(),
                    f.firstAnswerNoCacheMs(),
                    WARM_UP_REQUESTS,
                    f.rssWarmMb(),
                    f.knativeFirstEventMs(),
                    f.knativeFirstAnswerMs());
        }
        return Optional.of(figures);
    }

    /**
     * {ready ms, first answer ms, RSS MB after a warm-up (when asked, else 0), first event applied ms (on
     * Knative, else 0)} of one container, then removes it.
     */
    private long[] startOnce(String service, Variant variant, boolean warmUp) throws InterruptedException {
        int port = Ports.freePort();
        int management = Ports.freePort();
        String name = "cafe-bench-" + service;
        List<String> command = new ArrayList<>(List.of(
                "run",
                "-d",
                "--name",
                name,
                "--network",
                "host",
                "--read-only",
                "--tmpfs",
                "/tmp",
                "--cap-drop",
                "ALL",
                "--security-opt",
                "no-new-privileges"));
        Map<String, String> env = new LinkedHashMap<>();
        Bench.serviceConfig(stack, Ports.freePort()).forEach((key, value) -> env.put(envName(key), value));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
        if (variant == Variant.NO_CACHE) {
            env.put("JAVA_TOOL_OPTIONS", "");
        }
        if (variant == Variant.KNATIVE) {
            env.put("QUARKUS_PROFILE", "prod,knative");
        }
        env.forEach((key, value) -> command.addAll(List.of("--env", key + "=" + value)));
        command.add(image(service));
        run(List.of("rm", "-f", "-t", "0", name));
        long started = System.nanoTime();
        Result launched = run(command);
        if (!launched.ok()) {
            throw new IllegalStateException("podman run " + image(service) + ": " + launched.output());
        }
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready"))
                .timeout(Duration.ofSeconds(1))
                .build();
        HttpRequest answer = request(service, port);
        HttpRequest event = variant == Variant.KNATIVE ? ColdEvents.delivery(service, port, issuer) : null;
        long readyMs = -1;
        long answerMs = -1;
        long eventMs = event == null ? 0 : -1;
        long deadline = started + START_TIMEOUT.toNanos();
        try {
            while ((readyMs < 0 || answerMs < 0 || eventMs < 0) && System.nanoTime() < deadline) {
                if (readyMs < 0 && status(ready) == 200) {
                    readyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                }
                if (answerMs < 0 && status(answer) == 200) {
                    answerMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                }
                if (eventMs < 0 && status(event) == 202) {
                    eventMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                }
                Thread.sleep(5);
            }
            if (readyMs < 0 || answerMs < 0 || eventMs < 0) {
                throw new IllegalStateException(name + " not ready within " + START_TIMEOUT.toSeconds() + " s: "
                        + run(List.of("logs", "--tail", "20", name)).output());
            }
            long rss = 0;
            if (warmUp) {
                for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                    status(answer);
                }
                long pid = Long.parseLong(run(List.of("inspect", "--format", "{{.State.Pid}}", name))
                        .output()
                        .trim());
                rss = ProcessStats.rssMegabytes(pid);
            }
            return new long[] {readyMs, answerMs, rss, eventMs};
        } finally {
            // stopped with SIGTERM, as Kubernetes stops a pod: a killed service's consumers would hold their
            // partitions from the system measured next until their sessions time out (45 s)
            run(List.of("rm", "-f", "-t", variant == Variant.KNATIVE ? "0" : "30", name));
        }
    }

    /** What a client of the service asks first, with a token of the role its API serves. */
    private HttpRequest request(String service, int port) {
        String base = "http://127.0.0.1:" + port;
        String path;
        String token;
        switch (service) {
            case "order-service" -> {
                path = "/orders";
                token = issuer.token("bench-first", LocalKeycloak.ROLE_CUSTOMER);
            }
            case "payment-service" -> {
                path = "/payments?orderId=" + UUID.randomUUID();
                token = issuer.serviceToken();
            }
            case "barista-service" -> {
                path = "/tickets?status=QUEUED";
                token = issuer.token("bench-barista", "barista");
            }
            default -> {
                path = "/order-status";
                token = issuer.token("bench-first", LocalKeycloak.ROLE_CUSTOMER);
            }
        }
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(2))
                .build();
    }

    private static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private long sizeMb(String service) {
        return Long.parseLong(run(List.of("image", "inspect", "--format", "{{.Size}}", image(service)))
                        .output()
                        .trim())
                / 1_000_000;
    }

    private String image(String service) {
        return prefix + "/" + service + ":" + tag;
    }

    /** The environment form of a config key, as MicroProfile Config maps it back (quarkus.http.port → QUARKUS_HTTP_PORT). */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static long median(List<long[]> runs, int index) {
        List<Long> values = runs.stream().map(r -> r[index]).sorted().toList();
        return values.get(values.size() / 2);
    }

    private record Result(boolean ok, String output) {}

    private Result run(List<String> args) {
        List<String> command = new ArrayList<>(List.of(podman.toString()));
        command.addAll(args);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor() == 0, output);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("No such file")) {
                return new Result(false, e.getMessage());
            }
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }
}
