package cafe.bench;

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
 * (a) payment down, (b) barista down, (c) Kafka down, (d) order-service killed, (e) every record redelivered.
 * {@code --only-d} runs drill (d) alone.
 */
public final class Drills {

    private static final int RATE = 40;

    private final Duration outage;
    private final LocalStack stack;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<String> verdicts = new ArrayList<>();

    private Drills(Duration outage) {
        this.outage = outage;
        this.stack = LocalStack.shared();
    }

    public static void main(String[] args) throws Exception {
        Drills drills = new Drills(List.of(args).contains("--quick") ? Duration.ofSeconds(10) : Duration.ofSeconds(30));
        boolean passed;
        try {
            drills.start();
            passed = List.of(args).contains("--only-d")
                    ? drills.orderServiceKilled()
                    : drills.paymentDown()
                            & drills.baristaDown()
                            & drills.kafkaDown()
                            & drills.orderServiceKilled()
                            & drills.redelivery();
        } finally {
            ServiceProcess.closeAll(drills.services.values());
            drills.stack.close();
        }
        System.out.println("\n" + String.join("\n", drills.verdicts));
        System.out.println(passed ? "drills: all passed" : "drills: FAILED");
        System.exit(passed ? 0 : 1);
    }

    private void start() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ServiceProcess.closeAll(services.values())));
        StackSettings settings = stack.settings();
        ServiceProcess.SERVICES.forEach(name -> ports.put(name, Ports.freePort()));
        config.putAll(settings.serviceConfig());
        config.putAll(Map.of(
                "quarkus.rest-client.payment.url", "http://localhost:" + ports.get("payment-service"),
                "cafe.barista.auto-brew", "true",
                "cafe.barista.brew-time", "1s",
                "cafe.order.reconcile-after", "5s",
                "cafe.order.reconcile-every", "2s",
                "quarkus.log.category.\"cafe\".level", "WARN"));
        ServiceProcess.SERVICES.forEach(this::startService);
        awaitReady();
    }

    /** (a) Payment stopped: once the circuit is open, 503 + Retry-After fast; no order without a charge; recovery after restart. */
    private boolean paymentDown() throws Exception {
        System.out.println("drill (a): payment-service stopped under load");
        OpenLoad load = new OpenLoad(url("order-service"));
        services.get("payment-service").close();
        load.run(RATE, Duration.ofSeconds(3));
        OpenLoad.Result open = load.run(RATE, outage);
        startService("payment-service");
        awaitReady();
        OpenLoad.Result after = load.run(RATE, Duration.ofSeconds(5));
        waitUntil(() -> pendingOrders() == 0, Duration.ofSeconds(30));
        long placedWithoutCharge = Sql.number(
                "orders",
                "select count(*) from customer_order where status in ('PLACED','BREWING','READY','CANCELED')"
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
        OpenLoad.Result result = new OpenLoad(url("order-service")).run(RATE, outage);
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
            result = new OpenLoad(url("order-service")).run(RATE, outage);
        } finally {
            stack.startKafka();
        }
        long back = System.nanoTime();
        long tickets = awaitTickets(result);
        long views = awaitCount(
                "status",
                "select count(*) from status_event where event_type = 'cafe.order.placed' and order_id = any(?::uuid[])",
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
        OpenLoad load = new OpenLoad(url("order-service"));
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
                "select count(*) from ticket where status = 'READY' and order_id = any(?::uuid[])",
                result,
                result.ok());
        waitUntil(() -> pendingOrders() == 0, Duration.ofSeconds(60));
        List<String> charged = new ArrayList<>(
                Sql.numbersByKey("payments", "select order_id::text, amount from payment where status = 'APPROVED'")
                        .keySet());
        long orphanCharges = charged.isEmpty()
                ? 0
                : charged.size()
                        - Sql.number(
                                "orders",
                                "select count(*) from customer_order where status in ('PLACED','BREWING','READY') and id = any(?::uuid[])",
                                "{" + String.join(",", charged) + "}");
        boolean ok = ready == result.ok() && orphanCharges == 0 && pendingOrders() == 0;
        return verdict(
                "d order-service killed",
                ok,
                String.format(
                        "sent %d, %s, ready %d, pending after reconciliation %d, charges without a placed order %d",
                        result.sent(), result.byStatus(), ready, pendingOrders(), orphanCharges));
    }

    /** (e) Every record of the order and barista topics delivered again: no second ticket, no second refund, no second event. */
    private boolean redelivery() throws Exception {
        System.out.println("drill (e): every Kafka record redelivered");
        OpenLoad.Result result = new OpenLoad(url("order-service")).run(RATE, Duration.ofSeconds(3));
        awaitTickets(result);
        awaitQuiet();
        long ticketsBefore = Sql.number("barista", "select count(*) from ticket");
        long baristaEventsBefore = Sql.number("barista", "select count(*) from outbox_event");
        long refundsBefore = Sql.number("payments", "select count(*) from outbox_event");
        long viewEventsBefore = Sql.number("status", "select count(*) from status_event");
        long copied = 0;
        for (String topic : List.of("cafe-orders", "cafe-payments", "cafe-barista")) {
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
                "barista", "select count(*) from ticket where order_id = any(?::uuid[])", result, result.ok());
    }

    private long awaitCount(String database, String sql, OpenLoad.Result result, long expected)
            throws InterruptedException {
        String ids = "{" + String.join(",", result.placedAtMillis().keySet()) + "}";
        long[] count = {0};
        waitUntil(() -> (count[0] = Sql.number(database, sql, ids)) >= expected, Duration.ofSeconds(90));
        return count[0];
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
