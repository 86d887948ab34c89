package cafe.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Where the local stack keeps its data and which ports it listens on; each can be overridden. */
public record StackSettings(Path dir, int postgresPort, int kafkaPort, int controllerPort, int keycloakPort) {

    /** The services' databases, and one for the messaging module's own tests. */
    public static final List<String> DATABASES = Stream.concat(CafeService.databases().stream(), Stream.of("messaging"))
            .toList();
    /**
     * The stack's own login, for the tests and the bench: a member of every service's login, so it reads and
     * writes every database as their owner would. No service logs in with it.
     */
    public static final String DB_USER = "cafe";
    /** Every local login's password: the local stack holds no secret. */
    public static final String DB_PASSWORD = "cafe";

    /**
     * The stack's own Kafka login: the broker itself, the tests and the bench, a super user. The services and
     * Knative's stand-in log in as their KafkaUsers (deploy/platform/kafka-users.yaml) with {@link #kafkaPassword}.
     */
    public static final String KAFKA_OPERATOR = "cafe";
    /** The operator's password, and every other login's unless the environment gives one (see kafkaPassword). */
    public static final String KAFKA_PASSWORD = "cafe";

    /**
     * The Kafka password of {@code login}: CAFE_KAFKA_PASSWORD_<LOGIN> when set (make up passes each service's
     * Secret this way), otherwise the stack's one password.
     */
    public static String kafkaPassword(String login) {
        String given = System.getenv(
                "CAFE_KAFKA_PASSWORD_" + login.toUpperCase(Locale.ROOT).replace('-', '_'));
        return given != null && !given.isBlank() ? given : KAFKA_PASSWORD;
    }

    /** The login of the service that owns {@code database}: named after it, as deploy/generate-secrets.sh names it. */
    public static String dbLogin(String database) {
        return database;
    }

    public static StackSettings fromEnvironment() {
        return new StackSettings(
                Path.of(setting("cafe.stack.dir", "CAFE_STACK_DIR", defaultDir().toString()))
                        .toAbsolutePath()
                        .normalize(),
                Integer.parseInt(setting("cafe.stack.postgres-port", "CAFE_POSTGRES_PORT", "15432")),
                Integer.parseInt(setting("cafe.stack.kafka-port", "CAFE_KAFKA_PORT", "19092")),
                Integer.parseInt(setting("cafe.stack.controller-port", "CAFE_KAFKA_CONTROLLER_PORT", "19093")),
                Integer.parseInt(setting("cafe.stack.keycloak-port", "CAFE_KEYCLOAK_PORT", "18090")));
    }

    /**
     * The settings that point a service at this stack: the database port and password (each service names its
     * own login), the Kafka address and password (each logs in as itself) and the realm of Keycloak.
     */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new HashMap<>(keycloak().serviceConfig());
        config.put("cafe.db.port", Integer.toString(postgresPort));
        config.put("quarkus.datasource.password", DB_PASSWORD);
        config.put("kafka.bootstrap.servers", kafkaBootstrap());
        config.put("cafe.kafka.password", KAFKA_PASSWORD);
        return Map.copyOf(config);
    }

    /** What a Kafka client needs to log in to this stack's broker as {@code login}. */
    public Map<String, Object> kafkaClient(String login) {
        return Map.of(
                "bootstrap.servers",
                kafkaBootstrap(),
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + login
                        + "\" password=\"" + kafkaPassword(login) + "\";");
    }

    /** The stack's operator login: for the tests and the bench, which may read and write every topic. */
    public Map<String, Object> kafkaOperator() {
        return kafkaClient(KAFKA_OPERATOR);
    }

    /** The realm of the stack's Keycloak (its local files, the client secret and signing key, in the stack folder). */
    public LocalKeycloak keycloak() {
        return new LocalKeycloak(keycloakUrl(), dir.resolve("keycloak"));
    }

    /** Where Keycloak listens: the browser and the services alike, so that a token's issuer is the same for both. */
    public String keycloakUrl() {
        return "http://127.0.0.1:" + keycloakPort;
    }

    /** Keycloak's management interface (health), beside its port. */
    public int keycloakManagementPort() {
        return keycloakPort + 1;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    /** The checkout's root: the nearest folder upwards that holds `.mvn`, as Maven itself decides. */
    public static Path projectRoot() {
        Path root = Path.of(System.getProperty("cafe.root.dir", "")).toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".mvn"))) {
                return p;
            }
        }
        return root;
    }

    private static Path defaultDir() {
        return projectRoot().resolve(".stack");
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
