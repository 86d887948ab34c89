package cafe.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line of the local stack: {@code stack} runs PostgreSQL and Kafka, {@code run} runs them and
 * the four services; both stop everything they started on Ctrl-C.
 */
public final class Main {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Map<String, Integer> PORTS =
            Map.of("order-service", 8081, "payment-service", 8082, "barista-service", 8083, "status-service", 8084);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %5$s%6$s%n");
        String command = args.length == 0 ? "run" : args[0];
        try {
            switch (command) {
                case "stack" -> runStack(false);
                case "run" -> runStack(true);
                default -> {
                    System.err.println("usage: Main [stack|run]");
                    System.exit(2);
                }
            }
        } catch (StackException e) {
            System.err.println("\nERROR: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void runStack(boolean withServices) throws InterruptedException {
        StackSettings settings = StackSettings.fromEnvironment();
        if (withServices) {
            PORTS.forEach((name, port) -> Ports.requireFree(port, name));
        }
        System.out.println("Starting PostgreSQL (" + settings.postgresPort() + ") and Kafka ("
                + settings.kafkaBootstrap() + ") ...");
        LocalStack stack = LocalStack.startOrReuse(settings);
        List<ServiceProcess> services = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping ...");
                            ServiceProcess.closeAll(services);
                            stack.close();
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "stop-all"));
        if (withServices) {
            for (String name : ServiceProcess.SERVICES) {
                services.add(ServiceProcess.start(
                        name,
                        PORTS.get(name),
                        settings.serviceConfig(),
                        settings.dir().resolve("logs")));
            }
            awaitReady(services);
        }
        printWelcome(settings, services);
        stopped.await();
    }

    private static void awaitReady(List<ServiceProcess> services) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (service.ready()) {
                    waiting.remove(service);
                    System.out.printf(
                            "%n  %-16s ready in %5d ms  %s", service.name(), service.millisSinceStart(), service.url());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("Not ready after " + READY_TIMEOUT.toSeconds() + " s: "
                        + waiting.stream()
                                .map(s -> s.name() + " (log: " + s.log() + ")")
                                .toList());
            }
            if (!waiting.isEmpty()) {
                System.out.print(".");
                Thread.sleep(250);
            }
        }
        System.out.println();
    }

    private static void printWelcome(StackSettings settings, List<ServiceProcess> services) {
        System.out.println();
        System.out.println(
                "PostgreSQL  " + settings.jdbcUrl("<orders|payments|barista|status>") + "  user/password cafe/cafe");
        System.out.println(
                "Kafka       " + settings.kafkaBootstrap() + "  topics " + KafkaServer.topicsWithDeadLetters());
        System.out.println("Data, logs  " + settings.dir());
        if (!services.isEmpty()) {
            System.out.println("""

                    Menu          curl -s localhost:8081/menu
                    Order         curl -si -H 'Content-Type: application/json' -d '{"customerId":"c-1","menuId":1,"qty":2}' localhost:8081/orders
                    Barista queue curl -s 'localhost:8083/tickets?status=QUEUED'
                    Status        curl -s localhost:8084/order-status/<id from the order>
                    Health        curl -s localhost:8081/q/health        (live, ready, started; /q/health/well: outbox backlog)
                    Metrics       curl -s localhost:8081/q/metrics       (Prometheus; every service on its port)
                    OpenAPI       curl -s localhost:8081/q/openapi       (every service on its port)
                    Logs          one JSON object per line, in the logs folder above
                    Traces        off; to export them to a collector on localhost:4317 (OTLP/gRPC), start with
                                  CAFE_TRACING=true make run""");
        }
        System.out.println("\nReady. Ctrl-C stops everything.");
    }
}
