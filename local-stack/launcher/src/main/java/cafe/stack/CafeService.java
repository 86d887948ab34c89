package cafe.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The café's four services, the one list the launcher, the bench, the edge and the tests read: each
 * one's name, local port, database (its login is named after it) and the topic it writes, if any.
 * ServiceListTest (deploy/checks) holds the services' settings, the topics' owners, the route table,
 * make up's published ports and the README to it.
 */
public record CafeService(String serviceName, int port, String database, Optional<String> topic) {

    public static final CafeService ORDER =
            new CafeService("order-service", 8081, "orders", Optional.of("cafe-orders"));
    public static final CafeService PAYMENT =
            new CafeService("payment-service", 8082, "payments", Optional.of("cafe-payments"));
    public static final CafeService BARISTA =
            new CafeService("barista-service", 8083, "barista", Optional.of("cafe-barista"));
    /** It writes no topic: its view is read over HTTP only. */
    public static final CafeService STATUS = new CafeService("status-service", 8084, "status", Optional.empty());

    /** Every service, in start order. */
    public static final List<CafeService> ALL = List.of(ORDER, PAYMENT, BARISTA, STATUS);

    /** Every service's name, in start order. */
    public static final List<String> NAMES =
            ALL.stream().map(CafeService::serviceName).toList();

    /** The management interface of each service listens this much above its port (9081–9084). */
    private static final int MANAGEMENT_OFFSET = 1000;

    public int managementPort() {
        return port + MANAGEMENT_OFFSET;
    }

    /** Where this service's consumers put what they can never apply (cafe.dead-letters.topic). */
    public String deadLetterTopic() {
        return "cafe-" + serviceName + "-dlq";
    }

    public static CafeService named(String serviceName) {
        return ALL.stream()
                .filter(service -> service.serviceName.equals(serviceName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No cafe service " + serviceName));
    }

    /** Each service's local port, by name. */
    public static Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ALL.forEach(service -> ports.put(service.serviceName, service.port));
        return ports;
    }

    /** The services' databases. */
    public static List<String> databases() {
        return ALL.stream().map(CafeService::database).toList();
    }

    /** The topics the services write. */
    public static List<String> topics() {
        return ALL.stream().flatMap(service -> service.topic().stream()).toList();
    }
}
