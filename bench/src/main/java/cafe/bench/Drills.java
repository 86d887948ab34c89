package cafe.bench;

import cafe.stack.CafeService;
import cafe.stack.LocalStack;
import cafe.stack.Ports;
import cafe.stack.ServiceProcess;
import cafe.stack.StackSettings;
import cafe.testing.KafkaEvents;
import cafe.testing.Sql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * `make drills`: faults under steady load, each ending with a verdict and the counts it checked.
 * (a) payment down, (b) barista down, (c) Kafka down, (d) order-service killed, (e) every record redelivered,
 * (f) PostgreSQL restarted, (g) payment stalled past the reconcile window while clients retry.
 * {@code --only <letters>} runs those drills alone, e.g. {@code --only fg}.
 */
public final class Drills {

    private static final int RATE = 40;
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    private final Duration outage;
    private final LocalStack stack;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<String> verdicts = new ArrayList<>();
    private Customers customers;

    private Drills(Duration outage) {
        this.outage = outage;
        this.stack = LocalStack.shared();
    }

    public static void main(String[] args) throws Exception {
        Drills drills = new Drills(List.of(args).contains("--quick") ? Duration.ofSeconds(10) : Duration.ofSeconds(30));
        boolean passed;
        try {
            drills.start();
            int only = List.of(args).indexOf("--only");
            String which = only >= 0 && only + 1 < args.length ? args[only + 1] : "abcdefg";
            passed = true;
            for (char drill : which.toCharArray()) {
                passed &= drills.run(drill);
            }
        } finally {
            ServiceProcess.closeAll(drills.services.values());
            drills.stack.close();
        }
        System.out.println("\n" + String.join("\n", drills.verdicts));
        System.out.println(passed ? "drills: all passed" : "drills: FAILED");
        System.exit(passed ? 0 : 1);
    }

    private boolean run(char drill) throws Exception {
        return switch (drill) {
            case 'a' -> paymentDown();
            case 'b' -> baristaDown();
            case 'c' -> kafkaDown();
            case 'd' -> orderServiceKilled();
            case 'e' -> redelivery();
            case 'f' -> postgresRestarted();
            case 'g' -> paymentStalls();
            default -> throw new IllegalArgumentException("No drill " + drill + "; there are a to g");
        };
    }

    private void start() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ServiceProcess.closeAll(services.values())));
        StackSettings settings = stack.settings();
        CafeService.NAMES.forEach(name -> ports.put(name, Ports.freePort()));
        config.putAll(settings.serviceConfig());
        customers = Customers.named(settings.keycloak(), "drill", Customers.POOL);
        config.putAll(Map.of(
                "quarkus.rest-client.payment.url", "http://localhost:" + ports.get("payment-service"),
                "cafe.barista.auto-brew", "true",
                "cafe.barista.brew-time", "1s",
                "cafe.order.reconcile-after", "5s",
                "cafe.order.reconcile-every", "2s",
                "quarkus.log.category.\"cafe\".level", "WARN",
                // the load's 100 customers stand for thousands (see Bench.serviceConfig)
                "cafe.order.per-customer.orders", "1000000"));
        CafeService.NAMES.forEach(this::startService);
        awaitReady();
        // the drills measure faults, not a cold start: the first one used to take the JIT's first seconds too
        new OpenLoad(url("order-service"), customers).run(RATE, Duration.ofSeconds(5));
    }

    /** (a) Payment stopped: once the circuit is open, 503 + Retry-After fast; no order without a charge; recovery after restart. */
    private boolean paymentDown() throws Exception {
        System.out.println("drill (a): payment-service stopped under load");
        OpenLoad load = new OpenLoad(url("order-service"), customers);
        services.get("payment-service").close();
        load.run(RATE, Duration.ofSeconds(3));
        OpenLoad.Result open = load.run(RATE, outage);
        startService("payment-service");
        awaitReady();
        OpenLoad.Result after = load.run(RATE, Duration.ofSeconds(5));
        waitUntil(() -> pendingOrders() == 0, Duration.ofSeconds(30));
        long placedWithoutCharge = Sql.number(
                "orders",
                "select count(*) from customer_order where status not in ('PAYMENT_PENDING','REJECTED')"
                        + " and payment_id is null");
        double p99 = open.latencyMicros().getValueAtPercentile(99) / 1000.0;
        long unavailable = open.byStatus().getOrDefault("503", 0L);
        boolean ok = unavailable == open.sent() && p99 < 100 && placedWithoutCharge == 0 && after.ok() > 0;
        return verdict(
                "a payment down",
                ok,
                String.format(
                        "sent %d, 503 %d (p99 %.1f ms), placed without charge %d, 201 after restart %d/%d",
                        open.sent(), unavailable, p99, placedWithoutCharge, after.ok(), after.sent()));
    }

    /** (b) Barista stopped: no order fails; every ticket appears after the restart. */
    private boolean baristaDown() throws Exception {
        System.out.println("drill (b): barista-service stopped for " + outage.toSeconds() + " s under load");
        services.get("barista-service").close();
        OpenLoad.Result result = new OpenLoad(url("order-service"), customers).run(RATE, outage);
        startService("barista-service");
        awaitReady();
        long tickets = awaitTickets(result);
        boolean ok = result.ok() == result.sent() && tickets == result.ok();
        return verdict(
                "b barista down",
                ok,
                String.format("sent %d, 201 %d, tickets after restart %d", result.sent(), result.ok(), tickets));
    }

    /** (c) Kafka stopped: no order fails; every event is delivered after it returns. */
    private boolean kafkaDown() throws Exception {
        System.out.println("drill (c): Kafka stopped for " + outage.toSeconds() + " s under load");
        stack.stopKafka();
        OpenLoad.Result result;
        try {
            result = new OpenLoad(url("order-service"), customers).run(RATE, outage);
        } finally {
            stack.startKafka();
        }
        long back = System.nanoTime();
        long tickets = awaitTickets(result);
        long views = awaitCount(
                "status",
                "select count(*) from status_event where event_type = 'cafe.order.placed' and order_id"
                        + UncountedSql.IN_IDS,
                result,
                result.ok());
        double drained = (System.nanoTime() - back) / 1e9;
        boolean ok = result.ok() == result.sent() && tickets == result.ok() && views == result.ok();
        return verdict(
                "c Kafka down",
                ok,
                String.format(
                        "sent %d, 201 %d, tickets %d, views %d, all delivered %.1f s after Kafka returned (%.0f orders/s)",
                        result.sent(), result.ok(), tickets, views, drained, result.ok() / drained));
    }

    /** (d) order-service killed mid-load: every 201 reaches a final state; after reconciliation no charge lacks its order. */
    private boolean orderServiceKilled() throws Exception {
        System.out.println("drill (d): order-service SIGKILLed mid-load and restarted");
        OpenLoad load = new OpenLoad(url("order-service"), customers);
        // a thread of its own: on the common pool (one thread on two cores) the load would block the
        // pool that the JDK's HttpClient completes its responses on, until the load gave up waiting
        ExecutorService loader = Executors.newSingleThreadExecutor();
        Future<OpenLoad.Result> running = loader.submit(() -> load.run(RATE, Duration.ofSeconds(6)));
        loader.shutdown();
        TimeUnit.SECONDS.sleep(3);
        services.get("order-service").kill();
        OpenLoad.Result result = running.get();
        startService("order-service");
        awaitReady();
        long ready = awaitCount(
                "barista",
                "select count(*) from ticket where status = 'READY' and order_id" + UncountedSql.IN_IDS,
                result,
                result.ok());
        waitUntil(() -> pendingOrders() == 0, Duration.ofSeconds(60));
        long orphanCharges = chargesWithoutAPlacedOrder();
        boolean ok = ready == result.ok() && orphanCharges == 0 && pendingOrders() == 0;
        return verdict(
                "d order-service killed",
                ok,
                String.format(
                        "sent %d, %s, ready %d, pending after reconciliation %d, charges without a placed order %d",
                        result.sent(), result.byStatus(), ready, pendingOrders(), orphanCharges));
    }

    /**
     * (f) PostgreSQL restarted under steady load (down 5 s; 10 s in the full drills): what the services were
     * given while it was away is applied when it returns. Every 201 reaches READY, nothing is dead-lettered,
     * and no charge is left without its order.
     */
    private boolean postgresRestarted() throws Exception {
        Duration down = outage.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : Duration.ofSeconds(5);
        System.out.println("drill (f): PostgreSQL restarted, down " + down.toSeconds() + " s, under load");
        long deadLettersBefore = deadLetters();
        OpenLoad load = new OpenLoad(url("order-service"), customers);
        ExecutorService loader = Executors.newSingleThreadExecutor();
        Future<OpenLoad.Result> running = loader.submit(() -> load.run(RATE, down.plusSeconds(8)));
        loader.shutdown();
        TimeUnit.SECONDS.sleep(3);
        stack.restartPostgres(down);
        OpenLoad.Result result = running.get();
        long ready = awaitCount(
                "orders",
                "select count(*) from customer_order where status = 'READY' and id" + UncountedSql.IN_IDS,
                result,
                result.ok());
        waitUntil(() -> pendingOrders() == 0, Duration.ofSeconds(60));
        long deadLettered = deadLetters() - deadLettersBefore;
        long orphanCharges = chargesWithoutAPlacedOrder();
        boolean ok = result.ok() > 0 && ready == result.ok() && deadLettered == 0 && orphanCharges == 0;
        return verdict(
                "f PostgreSQL restarted",
                ok,
                String.format(
                        "sent %d, %s, READY %d of %d, dead-lettered %d, charges without a placed order %d",
                        result.sent(), result.byStatus(), ready, result.ok(), deadLettered, orphanCharges));
    }

    /**
     * (g) Payment stalls longer than the reconcile window (8 s, the window 5 s) while each customer retries
     * with the same Idempotency-Key: payment decides between the late charge and the reconciler's void, so
     * every APPROVED charge ends with a placed order and no order is rejected while charged.
     */
    private boolean paymentStalls() throws Exception {
        System.out.println(
                "drill (g): payment stalls 8 s, past the 5 s reconcile window; customers retry with their key");
        config.put("cafe.payment.latency", "8s");
        restart("payment-service");
        List<String> keys = new ArrayList<>();
        Map<String, Integer> answers = new java.util.TreeMap<>();
        try {
            for (int customer = 0; customer < 10; customer++) {
                keys.add("stall-" + java.util.UUID.randomUUID().toString().substring(0, 18));
            }
            // each customer is named by their key, and orders with their own token
            Customers retrying = Customers.of(stack.settings().keycloak(), keys);
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < until) {
                for (int customer = 0; customer < keys.size(); customer++) {
                    answers.merge(
                            String.valueOf(order(keys.get(customer), retrying.bearer(customer))), 1, Integer::sum);
                }
                TimeUnit.SECONDS.sleep(2);
            }
        } finally {
            config.remove("cafe.payment.latency");
            restart("payment-service");
        }
        waitUntil(() -> pendingOrders() == 0, Duration.ofSeconds(60));
        Map<String, Long> outcomes = Sql.numbersByKey(
                "orders",
                "select status, count(*) from customer_order where idempotency_key = any(?::text[]) group by status",
                "{" + String.join(",", keys) + "}");
        long orphanCharges = chargesWithoutAPlacedOrder();
        long orders = outcomes.values().stream().mapToLong(Long::longValue).sum();
        boolean ok = orders == keys.size() && !outcomes.containsKey("PAYMENT_PENDING") && orphanCharges == 0;
        return verdict(
                "g payment stalls",
                ok,
                String.format(
                        "%d customers retrying (answers %s); orders %s; charges without a placed order %d",
                        keys.size(), answers, outcomes, orphanCharges));
    }

    /** (e) Every record of the order and barista topics delivered again: no second ticket, no second refund, no second event. */
    private boolean redelivery() throws Exception {
        System.out.println("drill (e): every Kafka record redelivered");
        OpenLoad.Result result = new OpenLoad(url("order-service"), customers).run(RATE, Duration.ofSeconds(3));
        awaitTickets(result);
        awaitQuiet();
        long ticketsBefore = Sql.number("barista", "select count(*) from ticket");
        long baristaEventsBefore = Sql.number("barista", "select count(*) from outbox_event");
        long refundsBefore = Sql.number("payments", "select count(*) from outbox_event");
        long viewEventsBefore = Sql.number("status", "select count(*) from status_event");
        long copied = 0;
        for (String topic : CafeService.topics()) {
            for (ConsumerRecord<String, String> record : KafkaEvents.readAll(topic)) {
                ProducerRecord<String, String> again = new ProducerRecord<>(topic, record.key(), record.value());
                record.headers().forEach(h -> again.headers().add(h));
                KafkaEvents.sendRaw(again);
                copied++;
            }
        }
        long redelivered = copied;
        awaitQuiet();
        long tickets = Sql.number("barista", "select count(*) from ticket");
        long baristaEvents = Sql.number("barista", "select count(*) from outbox_event");
        long refunds = Sql.number("payments", "select count(*) from outbox_event");
        long viewEvents = Sql.number("status", "select count(*) from status_event");
        boolean ok = tickets == ticketsBefore
                && baristaEvents == baristaEventsBefore
                && refunds == refundsBefore
                && viewEvents == viewEventsBefore;
        return verdict(
                "e redelivery",
                ok,
                String.format(
                        "records redelivered %d; tickets %d→%d, barista events %d→%d, refunds %d→%d, view events %d→%d",
                        redelivered,
                        ticketsBefore,
                        tickets,
                        baristaEventsBefore,
                        baristaEvents,
                        refundsBefore,
                        refunds,
                        viewEventsBefore,
                        viewEvents));
    }

    /** Until every ticket is brewed, every outbox is empty and every consumer group has caught up. */
    private static void awaitQuiet() throws InterruptedException {
        waitUntil(
                () -> Sql.number("barista", "select count(*) from ticket where status in ('QUEUED','BREWING')") == 0
                        && Sql.number("orders", "select count(*) from outbox_event where published_at is null") == 0
                        && Sql.number("barista", "select count(*) from outbox_event where published_at is null") == 0
                        && Sql.number("payments", "select count(*) from outbox_event where published_at is null") == 0
                        && KafkaEvents.lag(List.of(
                                        "barista-service", "payment-service", "status-service", "order-service"))
                                == 0,
                Duration.ofSeconds(90));
    }

    private long awaitTickets(OpenLoad.Result result) throws InterruptedException {
        return awaitCount(
                "barista", "select count(*) from ticket where order_id" + UncountedSql.IN_IDS, result, result.ok());
    }

    private long awaitCount(String database, String sql, OpenLoad.Result result, long expected)
            throws InterruptedException {
        String ids = "{" + String.join(",", result.placedAtMillis().keySet()) + "}";
        long[] count = {0};
        waitUntil(() -> (count[0] = Sql.number(database, sql, ids)) >= expected, Duration.ofSeconds(90));
        return count[0];
    }

    /** APPROVED charges whose order is not placed (PLACED, BREWING or READY): money taken for nothing. */
    private static long chargesWithoutAPlacedOrder() {
        List<String> charged = new ArrayList<>(
                Sql.numbersByKey("payments", "select order_id::text, amount from payment where status = 'APPROVED'")
                        .keySet());
        return charged.isEmpty()
                ? 0
                : charged.size()
                        - Sql.number(
                                "orders",
                                "select count(*) from customer_order where status in ('PLACED','BREWING','READY') and id"
                                        + UncountedSql.IN_IDS,
                                "{" + String.join(",", charged) + "}");
    }

    /** Records in the dead-letter topics, all of them. */
    private static long deadLetters() {
        return CafeService.NAMES.stream()
                .mapToLong(service -> KafkaEvents.readAll(cafe.events.Topics.deadLetterOf(service))
                        .size())
                .sum();
    }

    /** One order of one espresso under the given key, as a retrying customer sends it; the HTTP status. */
    private int order(String key, String bearer) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url("order-service") + "/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer)
                .header("Idempotency-Key", key)
                .timeout(Duration.ofSeconds(10))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"customerId\":\"" + key + "\",\"menuId\":1,\"qty\":1}"))
                .build();
        return HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private void restart(String service) {
        services.get(service).close();
        startService(service);
        awaitReady();
    }

    private static long pendingOrders() {
        return Sql.number("orders", "select count(*) from customer_order where status = 'PAYMENT_PENDING'");
    }

    private static void waitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private boolean verdict(String drill, boolean passed, String counts) {
        String line = String.format("%-24s %s  %s", drill, passed ? "PASS" : "FAIL", counts);
        System.out.println("  " + line);
        verdicts.add(line);
        return passed;
    }

    private void startService(String name) {
        services.put(
                name,
                ServiceProcess.start(
                        name, ports.get(name), config, stack.settings().dir().resolve("drill-logs")));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!services.values().stream().allMatch(ServiceProcess::ready)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("services not ready");
            }
            LockSupportPause.pause();
        }
    }

    private String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    /** A short pause between readiness polls. */
    private static final class LockSupportPause {
        static void pause() {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }
}
