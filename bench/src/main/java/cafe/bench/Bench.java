package cafe.bench;

import cafe.stack.CafeService;
import cafe.stack.LocalKeycloak;
import cafe.stack.LocalStack;
import cafe.stack.Ports;
import cafe.stack.ServiceProcess;
import cafe.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * target/bench/report.{md,json,png}, with each step's cost per order ({@link Cost}). `--quick` runs two short
 * steps (CI); `--jfr` records each service with JFR and writes its hot methods during the steps
 * ({@link FlightRecordings}).
 */
public final class Bench {

    static final double P99_LIMIT_MS = 100;
    /** A PostgreSQL 14 backend sends its counters at most every 500 ms; this lets the last ones arrive. */
    private static final Duration STATISTICS_DELAY = Duration.ofSeconds(1);

    private Bench() {}

    /** Exits on a failure too: the services and the stack it started would otherwise keep the JVM up. */
    public static void main(String[] args) {
        try {
            System.exit(run(args) ? 0 : 1);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    /** True when every placed order reached the barista and the view. */
    private static boolean run(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        boolean jfr = List.of(args).contains("--jfr");
        List<Integer> rates = quick ? List.of(50, 200) : List.of(50, 200, 500, 750, 1000, 1250, 1500, 2000);
        int baseSteps = quick ? 2 : 4;
        Duration step = quick ? Duration.ofSeconds(10) : Duration.ofSeconds(20);
        Duration warmUp = quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30);

        System.out.println("bench: starting PostgreSQL and Kafka ...");
        LocalStack stack = LocalStack.shared();
        PostgresCounters postgresCounters = new PostgresCounters(stack.settings());
        KafkaRecords kafkaRecords = new KafkaRecords(stack.settings());
        UncountedSql uncounted = new UncountedSql(stack.settings());
        uncounted.open(PostgresCounters.DATABASES);
        LocalKeycloak issuer = stack.settings().keycloak();
        Customers customers = Customers.named(issuer, "bench", Customers.POOL);
        System.out.println("bench: start-up and footprint, with the AOT caches and without ...");
        StartupBench.Result startup = new StartupBench(stack.settings(), customers)
                .measure(quick ? 3 : 5, 100, quick ? Duration.ofSeconds(10) : Duration.ofSeconds(20));

        System.out.println("bench: the images of this commit as containers, from no container to the first answer ...");
        Map<String, ContainerBench.Figures> containers = new ContainerBench(stack.settings(), issuer)
                .measure(startup.startsAlone())
                .orElse(Map.of());

        System.out.println("bench: starting the four services ...");
        Map<String, ServiceProcess> services =
                startServices(stack.settings(), true, stack.settings().dir().resolve("bench-logs"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ServiceProcess.closeAll(services.values())));
        Map<String, Long> readyMillis = StartupBench.awaitReady(services);
        readyMillis.forEach((name, ms) -> System.out.printf("  %-16s ready in %d ms%n", name, ms));
        Path dir = StackSettings.projectRoot().resolve("target/bench");
        FlightRecordings recordings = jfr ? FlightRecordings.start(dir.resolve("jfr"), services) : null;

        System.out.println("bench: 100 orders one at a time on the idle system ...");
        IdlePropagation.Result idle = IdlePropagation.measure(
                services.get("order-service").url(),
                services.get("barista-service").url(),
                services.get("status-service").url(),
                quick ? 20 : 100,
                Customers.of(issuer, List.of("idle")),
                issuer.token("bench-barista", "barista"));
        System.out.printf(
                "  201 → ticket median %.1f ms, worst %.1f ms; 201 → in the view median %.1f ms, worst %.1f ms%n",
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

        OpenLoad load = new OpenLoad(services.get("order-service").url(), customers);
        System.out.printf("bench: warming up at 100 orders/s for %d s%n", warmUp.toSeconds());
        PropagationCheck propagation = new PropagationCheck(uncounted);
        propagation.follow(load.run(100, warmUp)); // so that its orders' work does not spill into the first step
        Map<String, Long> warmRss = new LinkedHashMap<>();
        services.forEach((name, process) -> warmRss.put(name, ProcessStats.rssMegabytes(process.pid())));
        peakRss.clear();

        CostMeter meter = CostMeter.of(stack, postgresCounters, kafkaRecords, services);
        Instant stepsStarted = Instant.now();
        Map<Long, PostgresCounters.StatementTotals> statementsBefore = jfr ? postgresCounters.byStatement() : Map.of();
        List<Report.Step> steps = new ArrayList<>();
        Map<Integer, Map<String, Retention.Rows>> retained = new LinkedHashMap<>();
        for (int rate : rates) {
            CostMeter.Snapshot before = meter.snapshot();
            OpenLoad.Result result = load.run(rate, step);
            Report.Propagation reached = propagation.follow(result);
            Thread.sleep(STATISTICS_DELAY.toMillis());
            Cost cost = Cost.between(before, meter.snapshot(), result.ok());
            Report.Step measured = Report.Step.of(result, reached, cost);
            steps.add(measured);
            retained.put(rate, Retention.sample(uncounted));
            if (steps.size() == 1) {
                System.out.println("  (" + cost.legend() + ")");
            }
            System.out.println("  " + measured.line());
            System.out.println("    " + cost.line());
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
        String heaviest = jfr
                ? HeaviestStatements.table(
                        statementsBefore,
                        postgresCounters.byStatement(),
                        steps.stream().mapToLong(s -> s.propagation().placed()).sum(),
                        15)
                : "";
        System.out.println("bench: how fast the purges delete rows past the retention ...");
        List<String> written = Retention.sample(uncounted).entrySet().stream()
                .filter(table -> table.getValue().written() > 0)
                .map(Map.Entry::getKey)
                .toList();
        Map<String, PurgeCapacity.Rate> purged =
                PurgeCapacity.measure(uncounted, written, quick ? 100_000 : 300_000, Duration.ofSeconds(90));
        purged.forEach((table, rate) -> System.out.printf(
                "  %-26s %,8.0f rows/s (%,d rows in %.1f s)%n", table, rate.perSecond(), rate.rows(), rate.seconds()));
        if (recordings != null) {
            recordings.dumpAndSummarize(stepsStarted, Instant.now());
            Files.writeString(dir.resolve("jfr/postgres-heaviest.txt"), heaviest);
            System.out.println(
                    "bench: PostgreSQL's heaviest statements in " + dir.resolve("jfr/postgres-heaviest.txt"));
        }

        Report report = new Report(
                Report.Machine.current(),
                startup,
                containers,
                readyMillis,
                warmRss,
                Map.copyOf(peakRss),
                Report.Idle.of(idle),
                steps,
                retained,
                purged,
                quick);
        report.write(dir);
        System.out.println("bench: report in " + dir.resolve("report.md"));
        ServiceProcess.closeAll(services.values());
        meter.close();
        uncounted.close();
        stack.close();
        boolean complete = steps.stream()
                .allMatch(s -> s.propagation().reachedBarista()
                                == s.propagation().placed()
                        && s.propagation().reachedView() == s.propagation().placed());
        System.out.println(
                complete
                        ? "bench: every placed order reached the barista and the view"
                        : "bench: FAILED: some placed orders never reached the barista or the view");
        return complete;
    }

    /** The four services on fresh ports, pointed at the stack and at each other; auto-brew on. */
    static Map<String, ServiceProcess> startServices(StackSettings stack, boolean aotCache, Path logs) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        CafeService.NAMES.forEach(name -> ports.put(name, Ports.freePort()));
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
                "quarkus.log.category.\"cafe\".level", "WARN",
                // the load's 100 customers stand for thousands: each orders far more often than a customer may
                "cafe.order.per-customer.orders", "1000000"));
        config.putAll(Retention.SERVICE_CONFIG);
        return config;
    }
}
