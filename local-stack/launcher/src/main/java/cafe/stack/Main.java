package cafe.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line of the local stack: {@code stack} runs PostgreSQL, Kafka and Keycloak, {@code run} runs them and
 * the four services, {@code run-knative} the same with the services in the knative profile (no Kafka
 * consumers) and the stand-in for KafkaSource delivering their events over HTTP; each stops everything
 * it started on Ctrl-C. {@code kafka}, {@code keycloak} and
 * {@code edge} serve one part alone, in the foreground: the stack's containers of {@code make up}.
 */
public final class Main {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** The one address of the café, routed as deploy/platform/gateway.yaml says. */
    private static final int EDGE_PORT = Integer.parseInt(System.getenv().getOrDefault("CAFE_EDGE_PORT", "8080"));

    private static final Map<String, Integer> PORTS = CafeService.ports();

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %5$s%6$s%n");
        String command = args.length == 0 ? "run" : args[0];
        try {
            switch (command) {
                case "stack" -> runStack(false, false);
                case "run" -> runStack(true, false);
                case "run-knative" -> runStack(true, true);
                case "token" -> printToken(args);
                case "kafka" -> serveAlone(KafkaServer.start(StackSettings.fromEnvironment(), false)::close);
                case "keycloak" -> serveAlone(startKeycloak(StackSettings.fromEnvironment())::close);
                case "edge" ->
                    serveAlone(LocalEdge.start(EDGE_PORT, LocalEdge.routes(LocalEdge.gatewayManifest()), PORTS)::close);
                case "welcome" -> printWelcome(StackSettings.fromEnvironment(), true, args.length > 1 ? args[1] : "");
                default -> {
                    System.err.println(
                            "usage: Main [stack|run|run-knative|token SUBJECT [ROLE]|kafka|keycloak|edge|welcome]");
                    System.exit(2);
                }
            }
        } catch (StackException e) {
            System.err.println("\nERROR: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * A token of the running stack's Keycloak, for curl: explanation first, the token alone on the last line. The
     * subject becomes a local user holding the role (its id, and so the token's sub, is the subject).
     */
    private static void printToken(String[] args) {
        if (args.length < 2 || args[1].isBlank()) {
            throw new StackException("Name the subject: make token SUB=c-1 [ROLE=customer|barista|admin]");
        }
        String role = args.length > 2 && !args[2].isBlank() ? args[2] : LocalKeycloak.ROLE_CUSTOMER;
        StackSettings settings = StackSettings.fromEnvironment();
        LocalKeycloak keycloak = settings.keycloak();
        String token = keycloak.token(args[1], role);
        System.out.println("# a " + role + " token for " + args[1] + " from " + keycloak.issuer()
                + ", valid 60 minutes; use it as: curl -H \"Authorization: Bearer $TOKEN\" ...");
        System.out.println(token);
    }

    private static KeycloakServer startKeycloak(StackSettings settings) {
        KeycloakServer keycloak = KeycloakServer.launch(settings);
        keycloak.awaitReady();
        return keycloak;
    }

    /** Serves until the JVM is told to stop (SIGTERM, as a container is stopped), then closes what it serves. */
    private static void serveAlone(Runnable close) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            close.run();
                            stopped.countDown();
                        },
                        "stop"));
        System.out.println("Ready.");
        stopped.await();
    }

    private static void runStack(boolean withServices, boolean knative) throws InterruptedException {
        StackSettings settings = StackSettings.fromEnvironment();
        if (withServices) {
            PORTS.forEach((name, port) -> Ports.requireFree(port, name));
            Ports.requireFree(EDGE_PORT, "the local edge");
        }
        long started = System.nanoTime();
        System.out.println("Starting PostgreSQL (" + settings.postgresPort() + "), Kafka (" + settings.kafkaBootstrap()
                + ") and Keycloak (" + settings.keycloakUrl() + ") ...");
        LocalStack stack = LocalStack.launchOrReuse(settings);
        List<ServiceProcess> services = new ArrayList<>();
        List<AutoCloseable> front = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping ...");
                            front.reversed().forEach(Main::closeQuietly);
                            ServiceProcess.closeAll(services);
                            stack.close();
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "stop-all"));
        if (withServices) {
            for (CafeService service : CafeService.ALL) {
                String name = service.serviceName();
                Map<String, String> config = new HashMap<>(settings.serviceConfig());
                config.put(ServiceProcess.MANAGEMENT_PORT, Integer.toString(service.managementPort()));
                if (knative) {
                    // as on Knative (quarkus.knative.env.vars): events over HTTP, no Kafka consumer
                    config.put("quarkus.profile", "prod,knative");
                }
                services.add(ServiceProcess.start(
                        name, service.port(), config, settings.dir().resolve("logs")));
            }
            awaitReady(services);
            stack.awaitKeycloak();
            if (knative) {
                front.add(KafkaSourceStandIn.start(settings, PORTS));
            }
            front.add(LocalEdge.start(EDGE_PORT, LocalEdge.routes(LocalEdge.gatewayManifest()), PORTS));
        }
        stack.awaitKeycloak();
        printWelcome(settings, !services.isEmpty(), "");
        if (knative) {
            System.out.println(
                    "\nEvents      over HTTP: each service's /events, from the stand-in for KafkaSource that runs "
                            + EventingManifest.path()
                            + " (its retries, its dead-letter topics, Eventing-shaped tokens)");
        }
        System.out.printf("%nReady in %d ms. Ctrl-C stops everything.%n", (System.nanoTime() - started) / 1_000_000);
        stopped.await();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("Could not stop " + closeable + ": " + e.getMessage());
        }
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

    /** What runs where and how to use it; {@code databases} names the logins when they are not the stack's one. */
    private static void printWelcome(StackSettings settings, boolean withServices, String databases) {
        System.out.println();
        if (withServices) {
            System.out.println("The cafe    http://localhost:" + EDGE_PORT
                    + "   (customers; baristas at /barista) - one address, routed as deploy/platform/gateway.yaml");
            System.out.println();
        }
        System.out.println("PostgreSQL  " + settings.jdbcUrl("<orders|payments|barista|status>") + "  "
                + (databases.isBlank() ? "user/password cafe/cafe" : databases));
        System.out.println(
                "Kafka       " + settings.kafkaBootstrap() + "  topics " + KafkaServer.topicsWithDeadLetters());
        System.out.println("Data, logs  " + settings.dir());
        if (withServices) {
            System.out.println("""

                    Sign in       on the pages as ana (a customer), bea (a barista) or ops (an operator), password cafe,
                                  at Keycloak (%s, realm cafe)
                    Tokens        `make token` prints one of Keycloak's on its last line:
                                  C=$(make -s token SUB=c-1 | tail -1)                customer c-1
                                  B=$(make -s token SUB=b-1 ROLE=barista | tail -1)   a barista
                                  A=$(make -s token SUB=ops ROLE=admin | tail -1)     an operator
                    Menu          curl -s localhost:8080/menu                          (public)
                    Order         curl -si -H "Authorization: Bearer $C" -H 'Content-Type: application/json' -d '{"menuId":1,"qty":2}' localhost:8080/orders
                    My orders     curl -s -H "Authorization: Bearer $C" localhost:8080/orders
                    Barista queue curl -s -H "Authorization: Bearer $B" 'localhost:8080/tickets?status=QUEUED'
                    Status        curl -s -H "Authorization: Bearer $C" localhost:8080/order-status/<id from the order>
                    Health        curl -s localhost:9081/q/health       (management interface: each service on its port + 1000)
                    Metrics       curl -s localhost:9081/q/metrics      (Prometheus)
                    OpenAPI       curl -s localhost:9081/q/openapi
                    Logs          one JSON object per line, in the logs folder above
                    Traces        off; to export them to a collector on localhost:4317 (OTLP/gRPC), start with
                                  CAFE_TRACING=true make run""".formatted(settings.keycloakUrl()));
        }
    }
}
