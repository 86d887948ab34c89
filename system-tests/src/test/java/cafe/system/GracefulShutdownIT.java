package cafe.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import cafe.stack.ServiceProcess;
import cafe.testing.KafkaEvents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Zero-downtime redeploys rest on this: on SIGTERM under steady load, readiness turns DOWN first
 * (so Kubernetes takes the pod out of the Service), requests in flight complete, and none fails; and the
 * service leaves its consumer group in time, so another replica takes its partitions over at once.
 */
class GracefulShutdownIT {

    private final RunningSystem system = RunningSystem.shared();
    private final Cafe cafe = new Cafe(system);

    @Test
    void sigtermUnderLoadTurnsReadinessDownFirstAndFailsNoRequest() throws Exception {
        ServiceProcess orderService = system.process("order-service");
        String readiness = orderService.managementUrl() + "/q/health/ready";
        AtomicBoolean routed = new AtomicBoolean(true);
        AtomicLong readinessDownAt = new AtomicLong();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(5);
        try {
            for (int i = 0; i < 4; i++) {
                load.submit(() -> {
                    while (routed.get()) {
                        try {
                            // a customer each: one customer may place only so many orders a minute
                            int status = cafe.order("c-drain-" + sent.incrementAndGet(), 1, 1)
                                    .statusCode();
                            if (status == 201) {
                                completed.incrementAndGet();
                            } else {
                                failures.add("status " + status);
                            }
                        } catch (RuntimeException e) {
                            failures.add(e.toString());
                        }
                    }
                });
            }
            load.submit(() -> {
                while (routed.get()) {
                    if (given().when().get(readiness).statusCode() == 503) {
                        readinessDownAt.set(System.nanoTime());
                        routed.set(false);
                    }
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> completed.get() >= 20);

            orderService.sigterm();
            assertThat(
                    "order-service exits within its shutdown budget",
                    orderService.awaitExit(Duration.ofSeconds(30)),
                    equalTo(true));
            long exitedAt = System.nanoTime();
            load.shutdown();
            load.awaitTermination(10, TimeUnit.SECONDS);

            assertThat("readiness turned DOWN before the process ended", readinessDownAt.get(), greaterThan(0L));
            assertThat(readinessDownAt.get(), lessThan(exitedAt));
            assertThat(List.copyOf(failures), empty());
        } finally {
            routed.set(false);
            load.shutdownNow();
            system.startService("order-service");
            system.awaitReady();
        }
    }

    @Test
    void sigtermLeavesTheConsumerGroupWithinTheShutdownTimeout() {
        // status-service consumes three topics, three consumers each: the most a service closes on SIGTERM
        String group = "status-service";
        ServiceProcess statusService = system.process(group);
        await().atMost(Duration.ofSeconds(30)).until(() -> KafkaEvents.members(group) == 9);
        try {
            statusService.sigterm();
            assertThat(
                    "status-service exits within quarkus.shutdown.timeout (20 s)",
                    statusService.awaitExit(Duration.ofSeconds(20)),
                    equalTo(true));
            assertThat(
                    "no member is left holding partitions until its session times out",
                    KafkaEvents.members(group),
                    is(0));
        } finally {
            if (statusService.alive()) {
                statusService.kill();
            }
            system.startService(group);
            system.awaitReady();
        }
    }
}
