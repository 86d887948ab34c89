package cafe.system;

import static org.awaitility.Awaitility.await;

import cafe.stack.CafeService;
import cafe.stack.KafkaSourceStandIn;
import cafe.stack.LocalEdge;
import cafe.stack.LocalStack;
import cafe.stack.Ports;
import cafe.stack.ServiceProcess;
import cafe.stack.StackSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four packaged services (JVM mode) running on the local stack, each on a free port; started
 * once per test JVM and shared by the system tests. With {@code cafe.system=knative} (the failsafe run
 * `knative` of make test) they run as `make run-knative` runs them: in the knative profile, with no Kafka
 * consumer, their events delivered to /events by the stand-in for KafkaSource. With {@code
 * cafe.system=containers} (the system-tests' `containers` profile) it is instead the café `make up` runs
 * in containers, on the ports of deploy/local, which the tests only call.
 */
final class RunningSystem {

    static final boolean IN_CONTAINERS = "containers".equals(System.getProperty("cafe.system"));
    static final boolean KNATIVE = "knative".equals(System.getProperty("cafe.system"));
    private static RunningSystem shared;

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    private final StackSettings stack;
    private final TraceCollector traces = TraceCollector.start();
    private LocalEdge edge;
    private KafkaSourceStandIn eventing;
    private String edgeUrl;

    private RunningSystem(StackSettings stack) {
        this.stack = stack;
    }

    static synchronized RunningSystem shared() {
        if (shared == null && IN_CONTAINERS) {
            shared = new RunningSystem(LocalStack.shared().settings());
            // make up publishes each service on its local port and its management interface beside it
            shared.ports.putAll(CafeService.ports());
            shared.edgeUrl = "http://localhost:8080";
        } else if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (shared.edge != null) {
                    shared.edge.close();
                }
                if (shared.eventing != null) {
                    shared.eventing.close();
                }
                ServiceProcess.closeAll(shared.services.values());
                shared.traces.close();
            }));
        }
        return shared;
    }

    private static RunningSystem start() {
        RunningSystem system = new RunningSystem(LocalStack.shared().settings());
        CafeService.NAMES.forEach(name -> system.ports.put(name, Ports.freePort()));
        // the database, Kafka and the realm of the stack's Keycloak, which the services trust
        system.config.putAll(system.stack.serviceConfig());
        system.config.put("quarkus.rest-client.payment.url", "http://localhost:" + system.ports.get("payment-service"));
        // tracing is off by default; switched on here as a deployment would, exporting to the test's collector
        system.config.put("cafe.tracing", "true");
        system.config.put("quarkus.otel.exporter.otlp.traces.endpoint", system.traces.endpoint());
        system.config.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        system.config.put("quarkus.otel.bsp.schedule.delay", "100ms");
        if (KNATIVE) {
            system.config.put("quarkus.profile", "prod,knative");
        }
        CafeService.NAMES.forEach(system::startService);
        system.awaitReady();
        if (KNATIVE) {
            system.eventing = KafkaSourceStandIn.start(system.stack, system.ports);
        }
        return system;
    }

    void startService(String name) {
        services.put(
                name,
                ServiceProcess.start(name, ports.get(name), config, stack.dir().resolve("system-test-logs")));
    }

    void stopService(String name) {
        services.get(name).close();
    }

    void awaitReady() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> services.values().stream().allMatch(ServiceProcess::ready));
    }

    /** The stand-in for KafkaSource, in Knative mode. */
    KafkaSourceStandIn eventing() {
        return eventing;
    }

    StackSettings stack() {
        return stack;
    }

    TraceCollector traces() {
        return traces;
    }

    ServiceProcess process(String name) {
        return services.get(name);
    }

    String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    /** The one address, as `make run` gives it: the local edge, routed by deploy/platform's HTTPRoute. */
    synchronized String edgeUrl() {
        if (edgeUrl == null) {
            int port = Ports.freePort();
            edge = LocalEdge.start(port, LocalEdge.routes(LocalEdge.gatewayManifest()), ports);
            edgeUrl = "http://localhost:" + port;
            // the pages here sign in from this address: Keycloak sends codes back only to addresses it knows
            stack.keycloak().allowPagesAt(edgeUrl);
        }
        return edgeUrl;
    }

    /** Health, metrics and OpenAPI: the service's management interface (a new port each time it starts). */
    String managementUrl(String service) {
        return IN_CONTAINERS
                ? "http://localhost:" + CafeService.named(service).managementPort()
                : services.get(service).managementUrl();
    }
}
