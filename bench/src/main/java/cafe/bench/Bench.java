package cafe.bench;

import cafe.stack.LocalStack;
import cafe.stack.Ports;
import cafe.stack.ServiceProcess;
import cafe.stack.StackSettings;
import cafe.testing.Sql;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * `make bench`: starts the stack; measures start-up and footprint with the services' AOT caches and
 * without ({@link StartupBench}); starts the four services (JVM mode, AOT cache, auto-brew on), warms them up, then
 * offers POST /orders at rising fixed rates until p99 passes 100 ms or errors appear, and writes
 * target/bench/report.{md,json,png}. `--quick` runs two short steps (CI).
 */
public final class Bench {

    static final double P99_LIMIT_MS = 100;

    private Bench() {}

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        List<Integer> rates = quick ? List.of(50, 200) : List.of(50, 200, 500, 1000, 1500, 2000, 3000);
        int baseSteps = quick ? 2 : 4;
        Duration step = quick ? Duration.ofSeconds(10) : Duration.ofSeconds(20);
        Duration warmUp = quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30);

        System.out.println("bench: starting PostgreSQL and Kafka ...");
        LocalStack stack = LocalStack.shared();
        System.out.println("bench: start-up and footprint, with the AOT caches and without ...");
        StartupBench.Result startup = new StartupBench(stack.settings())
                .measure(quick ? 3 : 5, 100, quick ? Duration.ofSeconds(10) : Duration.ofSeconds(20));

        System.out.println("bench: starting the four services ...");
        Map<String, ServiceProcess> services =
                startServices(stack.settings(), true, stack.settings().dir().resolve("bench-logs"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ServiceProcess.closeAll(services.values())));
        Map<String, Long> readyMillis = StartupBench.awaitReady(services);
        readyMillis.forEach((name, ms) -> System.out.printf("  %-16s ready in %d ms%n", name, ms));

        System.out.println("bench: 100 orders one at a time on the idle system ...");
        IdlePropagation.Result idle = IdlePropagation.measure(
                services.get("order-service").url(),
                services.get("barista-service").url(),
                services.get("status-service").url(),
                quick ? 20 : 100);
        System.out.printf(
                "  201 → ticket median %.1f ms, worst %.1f ms; 201 → view PLACED median %.1f ms, worst %.1f ms%n",
                IdlePropagation.Result.median(idle.toTicketMs()),
                IdlePropagation.Result.worst(idle.toTicketMs()),
                IdlePropagation.Result.median(idle.toViewMs()),
                IdlePropagation.Result.worst(idle.toViewMs()));

        Map<String, Long> peakRss = new ConcurrentHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> services.forEach(
                        (name, process) -> peakRss.merge(name, ProcessStats.rssMegabytes(process.pid()), Math::max)),
                1,
                1,
                TimeUnit.SECONDS);

        OpenLoad load = new OpenLoad(services.get("order-service").url());
        System.out.printf("bench: warming up at 100 orders/s for %d s%n", warmUp.toSeconds());
        load.run(100, warmUp);
        Map<String, Long> warmRss = new LinkedHashMap<>();
        services.forEach((name, process) -> warmRss.put(name, ProcessStats.rssMegabytes(process.pid())));
        peakRss.clear();

        List<Report.Step> steps = new ArrayList<>();
        for (int rate : rates) {
            Map<String, Double> cpuBefore = cpu(services);
            OpenLoad.Result result = load.run(rate, step);
            Map<String, Double> cpuAfter = cpu(services);
            Report.Step measured =
                    Report.Step.of(result, propagation(result), cpuPerThousand(cpuBefore, cpuAfter, result.ok()));
            steps.add(measured);
            System.out.println("  " + measured.line());
            boolean saturated = measured.achievedRate() < rate * 0.9 || measured.errors() > measured.sent() / 10;
            boolean pastGoal = steps.size() >= baseSteps && (measured.p99Ms() > P99_LIMIT_MS || measured.errors() > 0);
            if (saturated || pastGoal) {
                System.out.println("bench: stopping at " + rate + " orders/s: "
                        + (saturated
                                ? "saturated (under 90 % of the offered rate, or over 10 % errors)"
                                : "p99 over " + P99_LIMIT_MS + " ms or errors"));
                break;
            }
        }
        sampler.shutdownNow();

        Path dir = StackSettings.projectRoot().resolve("target/bench");
        Report report = new Report(
                Report.Machine.current(),
                startup,
                readyMillis,
                warmRss,
                Map.copyOf(peakRss),
                Report.Idle.of(idle),
                steps,
                quick);
        report.write(dir);
        System.out.println("bench: report in " + dir.resolve("report.md"));
        ServiceProcess.closeAll(services.values());
        stack.close();
        boolean complete = steps.stream()
                .allMatch(s -> s.propagation().reachedBarista()
                                == s.propagation().placed()
                        && s.propagation().reachedView() == s.propagation().placed());
        System.out.println(
                complete
                        ? "bench: every placed order reached the barista and the view"
                        : "bench: FAILED: some placed orders never reached the barista or the view");
        System.exit(complete ? 0 : 1);
    }

    /** The four services on fresh ports, pointed at the stack and at each other; auto-brew on. */
    static Map<String, ServiceProcess> startServices(StackSettings stack, boolean aotCache, Path logs) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ServiceProcess.SERVICES.forEach(name -> ports.put(name, Ports.freePort()));
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        ports.forEach((name, port) -> services.put(
                name,
                ServiceProcess.start(name, port, serviceConfig(stack, ports.get("payment-service")), logs, aotCache)));
        return services;
    }

    static Map<String, String> serviceConfig(StackSettings stack, int paymentPort) {
        Map<String, String> config = new HashMap<>(stack.serviceConfig());
        config.putAll(Map.of(
                "quarkus.rest-client.payment.url", "http://localhost:" + paymentPort,
                "cafe.barista.auto-brew", "true",
                "cafe.barista.brew-time", "1s",
                "quarkus.log.category.\"cafe\".level", "WARN"));
        return config;
    }

    /** Waits for the step's orders to reach the barista and the view; the 201 → view latencies, in ms. */
    private static Report.Propagation propagation(OpenLoad.Result result) throws InterruptedException {
        List<String> ids = List.copyOf(result.placedAtMillis().keySet());
        if (ids.isEmpty()) {
            return new Report.Propagation(0, 0, 0, 0, 0);
        }
        String array = "{" + String.join(",", ids) + "}";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long tickets = 0;
        long views = 0;
        while (System.nanoTime() < deadline) {
            tickets = Sql.number("barista", "select count(*) from ticket where order_id = any(?::uuid[])", array);
            views = Sql.number(
                    "status",
                    "select count(*) from status_event where event_type = 'cafe.order.placed' and order_id = any(?::uuid[])",
                    array);
            if (tickets == ids.size() && views == ids.size()) {
                break;
            }
            Thread.sleep(200);
        }
        Map<String, Long> seen = Sql.numbersByKey(
                "status",
                "select order_id::text, (extract(epoch from received_at) * 1000)::bigint"
                        + " from status_event where event_type = 'cafe.order.placed' and order_id = any(?::uuid[])",
                array);
        List<Long> lags = new ArrayList<>();
        seen.forEach(
                (id, at) -> lags.add(Math.max(0, at - result.placedAtMillis().get(id))));
        if (lags.isEmpty()) {
            return new Report.Propagation(ids.size(), tickets, views, -1, -1);
        }
        lags.sort(Long::compare);
        return new Report.Propagation(
                ids.size(),
                tickets,
                views,
                lags.get(lags.size() / 2),
                lags.get((int) Math.ceil(lags.size() * 0.99) - 1));
    }

    private static Map<String, Double> cpu(Map<String, ServiceProcess> services) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        services.forEach((name, process) -> cpu.put(name, ProcessStats.cpuSeconds(process.pid())));
        return cpu;
    }

    private static Map<String, Double> cpuPerThousand(
            Map<String, Double> before, Map<String, Double> after, long orders) {
        Map<String, Double> perThousand = new LinkedHashMap<>();
        before.forEach(
                (name, start) -> perThousand.put(name, orders == 0 ? 0 : (after.get(name) - start) * 1000 / orders));
        return perThousand;
    }
}
