package cafe.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import cafe.stack.ServiceProcess;
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
 * (so Kubernetes takes the pod out of the Service), requests in flight complete, and none fails.
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
}
