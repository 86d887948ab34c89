package cafe.system;

import static org.awaitility.Awaitility.await;

import cafe.stack.LocalStack;
import cafe.stack.Ports;
import cafe.stack.ServiceProcess;
import cafe.stack.StackSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The four packaged services (JVM mode) running on the local stack, each on a free port. */
final class RunningSystem implements AutoCloseable {

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    static RunningSystem start(Map<String, String> extraConfig) {
        StackSettings stack = LocalStack.shared().settings();
        RunningSystem system = new RunningSystem();
        int paymentPort = Ports.freePort();
        for (String name : ServiceProcess.SERVICES) {
            Map<String, String> config = new LinkedHashMap<>(extraConfig);
            config.put("cafe.stack.postgres-port", Integer.toString(stack.postgresPort()));
            config.put("kafka.bootstrap.servers", stack.kafkaBootstrap());
            config.put("quarkus.rest-client.payment.url", "http://localhost:" + paymentPort);
            int port = name.equals("payment-service") ? paymentPort : Ports.freePort();
            system.services.put(name, ServiceProcess.start(name, port, config, stack.dir().resolve("system-test-logs")));
        }
        system.awaitReady();
        return system;
    }

    void awaitReady() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> services.values().stream().allMatch(ServiceProcess::ready));
    }

    String url(String service) {
        return services.get(service).url();
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    List<ServiceProcess> all() {
        return List.copyOf(services.values());
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
    }
}
