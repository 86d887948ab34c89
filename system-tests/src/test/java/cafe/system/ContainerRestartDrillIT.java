package cafe.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The drill of `make up` (the containers profile only): order-service's container is killed (SIGKILL to its
 * JVM) under a steady load of orders. Its restart policy brings it back, and every order it accepted (201)
 * before it died still reaches the barista and ends READY: the outbox kept what the dead process had
 * committed.
 */
class ContainerRestartDrillIT {

    private static final String CONTAINER = "order-service-pod-0-order-service";
    private static final int ORDERS_PER_SECOND = 20;

    private final RunningSystem system = RunningSystem.shared();
    private final Cafe cafe = new Cafe(system);

    @Test
    void aKilledServiceContainerComesBackAndEveryAcceptedOrderEndsReady() throws Exception {
        int restartsBefore = Integer.parseInt(podman("inspect", "--format", "{{.RestartCount}}", CONTAINER));
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(4);
        load.scheduleAtFixedRate(
                () -> {
                    String customer = "drill-" + sent.incrementAndGet(); // each within a customer's share
                    try {
                        var response = cafe.order(customer, 2, 1);
                        if (response.statusCode() == 201) {
                            accepted.add(response.path("id"));
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (Exception connectionRefusedOrCut) { // REST Assured throws ConnectException unchecked
                        refused.incrementAndGet();
                    }
                },
                0,
                1000 / ORDERS_PER_SECOND,
                TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 40);
        long pid = Long.parseLong(podman("inspect", "--format", "{{.State.Pid}}", CONTAINER));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> restarts() > restartsBefore && ready("order-service"));
        int afterRestart = accepted.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= afterRestart + 20);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

        for (String orderId : List.copyOf(accepted)) {
            Map<String, Object> ticket = cafe.awaitTicket(orderId);
            cafe.startBrewing(ticket.get("id")).then().statusCode(200);
            cafe.finish(ticket.get("id")).then().statusCode(200);
        }
        for (String orderId : List.copyOf(accepted)) {
            cafe.awaitOrderStatus(orderId, "READY");
        }
        assertEquals("true", podman("inspect", "--format", "{{.State.Running}}", CONTAINER));
        System.out.printf(
                "drill: %d orders sent, %d accepted and READY, %d refused while order-service was down%n",
                sent.get(), accepted.size(), refused.get());
    }

    private int restarts() {
        return Integer.parseInt(podman("inspect", "--format", "{{.RestartCount}}", CONTAINER));
    }

    private boolean ready(String service) {
        try {
            return RestAssured.get(system.managementUrl(service) + "/q/health/ready")
                            .statusCode()
                    == 200;
        } catch (Exception notYetListening) {
            return false;
        }
    }

    /** A podman command with the project's settings (deploy/containers/podman.sh); its output, trimmed. */
    private static String podman(String... args) {
        Path root = Path.of(System.getProperty("cafe.root.dir"));
        List<String> command = new java.util.ArrayList<>(
                List.of(root.resolve("deploy/containers/podman.sh").toString()));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "podman " + String.join(" ", args));
            assertEquals(0, process.exitValue(), "podman " + String.join(" ", args) + ": " + output);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
