package cafe.bench;

import cafe.stack.CafeService;
import cafe.stack.Ports;
import cafe.stack.ServiceProcess;
import cafe.stack.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Start-up and footprint on the idle stack, with the services' AOT caches and without, in one run:
 * each service started alone (the median of several starts), then the four together followed by a
 * short load, for the RSS after warm-up and at peak.
 */
final class StartupBench {

    /** The figures of one way of starting the JVM. */
    record Figures(
            Map<String, Long> aloneMedianMs,
            Map<String, Long> togetherMs,
            Map<String, Long> rssAtReadyMb,
            Map<String, Long> rssWarmMb,
            Map<String, Long> rssPeakMb) {

        /** When the last of the four started together was ready. */
        long allReadyMs() {
            return togetherMs.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        }
    }

    /** Both ways, measured back to back. */
    record Result(int startsAlone, int warmUpRate, long warmUpSeconds, Figures aot, Figures plain) {}

    private final StackSettings stack;
    private final Path logs;
    private final Customers customers;

    StartupBench(StackSettings stack, Customers customers) {
        this.stack = stack;
        this.customers = customers;
        this.logs = stack.dir().resolve("bench-logs/startup");
    }

    Result measure(int startsAlone, int warmUpRate, Duration warmUp) throws InterruptedException {
        Figures aot = figures(true, startsAlone, warmUpRate, warmUp);
        Figures plain = figures(false, startsAlone, warmUpRate, warmUp);
        return new Result(startsAlone, warmUpRate, warmUp.toSeconds(), aot, plain);
    }

    private Figures figures(boolean aotCache, int startsAlone, int warmUpRate, Duration warmUp)
            throws InterruptedException {
        String mode = aotCache ? "with the AOT cache" : "without it";
        Map<String, Long> alone = new LinkedHashMap<>();
        Map<String, Long> rssAtReady = new LinkedHashMap<>();
        for (String name : CafeService.NAMES) {
            List<Long> starts = new ArrayList<>();
            List<Long> stops = new ArrayList<>();
            for (int i = 0; i < startsAlone; i++) {
                ServiceProcess service = ServiceProcess.start(
                        name, Ports.freePort(), Bench.serviceConfig(stack, Ports.freePort()), logs, aotCache);
                try {
                    starts.add(awaitReady(Map.of(name, service)).get(name));
                    rssAtReady.merge(name, ProcessStats.rssMegabytes(service.pid()), Math::max);
                } finally {
                    stops.add(stop(service));
                }
            }
            starts.sort(Long::compare);
            alone.put(name, starts.get(starts.size() / 2));
            System.out.printf(
                    "  %-16s alone, %s: ready in %s ms (median %d); SIGTERM to exit %s ms%n",
                    name, mode, starts, alone.get(name), stops);
        }

        Map<String, ServiceProcess> services = Bench.startServices(stack, aotCache, logs);
        try {
            Map<String, Long> together = awaitReady(services);
            System.out.printf("  four together, %s: %s ms%n", mode, together);
            Map<String, Long> peak = new ConcurrentHashMap<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> services.forEach(
                            (name, process) -> peak.merge(name, ProcessStats.rssMegabytes(process.pid()), Math::max)),
                    0,
                    500,
                    TimeUnit.MILLISECONDS);
            new OpenLoad(services.get("order-service").url(), customers).run(warmUpRate, warmUp);
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            Map<String, Long> warm = new LinkedHashMap<>();
            services.forEach((name, process) -> warm.put(name, ProcessStats.rssMegabytes(process.pid())));
            System.out.printf(
                    "  RSS %s after %d s at %d orders/s: %s MB (peak %s)%n",
                    mode, warmUp.toSeconds(), warmUpRate, warm, peak);
            return new Figures(alone, together, rssAtReady, warm, new LinkedHashMap<>(peak));
        } finally {
            ServiceProcess.closeAll(services.values());
        }
    }

    /**
     * Stops the service as Kubernetes does, with SIGTERM, and returns how long it took to exit: killed, its
     * consumers would stay in their groups and hold partitions from the next system until their sessions
     * time out (45 s), which the idle measurement after this one would see as slow first orders.
     */
    private static long stop(ServiceProcess service) {
        long start = System.nanoTime();
        service.close();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Milliseconds from each process's start until its readiness probe answered 200. */
    static Map<String, Long> awaitReady(Map<String, ServiceProcess> services) throws InterruptedException {
        Map<String, Long> ready = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (ready.size() < services.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready after 120 s: "
                        + services.keySet().stream()
                                .filter(n -> !ready.containsKey(n))
                                .toList());
            }
            services.forEach((name, process) -> {
                if (!ready.containsKey(name) && process.ready()) {
                    ready.put(name, process.millisSinceStart());
                }
            });
            Thread.sleep(10);
        }
        return ready;
    }
}
