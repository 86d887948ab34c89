package cafe.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack: a real PostgreSQL, a real Kafka broker and Keycloak on fixed local ports, started without
 * containers. The first process to start it owns it; later ones reuse it; leftovers of a run that
 * died are found by their recorded pids and stopped.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    /** Quiets the admin client's config dump and zonky's chatter; held so JUL keeps the levels. */
    private static final java.util.logging.Logger KAFKA_CLIENT_LOG =
            quiet("org.apache.kafka", java.util.logging.Level.SEVERE);

    private static final java.util.logging.Logger ZONKY_LOG = quiet("io.zonky", java.util.logging.Level.WARNING);
    private static LocalStack shared;

    private final StackSettings settings;
    private final PostgresServer postgres;
    private KafkaServer kafka;
    private final KeycloakServer keycloak;
    private boolean keycloakReady;

    private LocalStack(StackSettings settings, PostgresServer postgres, KafkaServer kafka, KeycloakServer keycloak) {
        this.settings = settings;
        this.postgres = postgres;
        this.kafka = kafka;
        this.keycloak = keycloak;
    }

    /**
     * The stack of this JVM: reuses a running one or starts one that stops when the JVM exits. With
     * {@code cafe.stack.external=true} it is the stack `make up` runs in containers, used as it is.
     */
    public static synchronized LocalStack shared() {
        if (shared == null && Boolean.getBoolean("cafe.stack.external")) {
            shared = new LocalStack(StackSettings.fromEnvironment(), null, null, null);
        } else if (shared == null) {
            shared = startOrReuse(StackSettings.fromEnvironment());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-stack-stop"));
        }
        return shared;
    }

    /** The stack, up: PostgreSQL, Kafka and Keycloak answer. */
    public static LocalStack startOrReuse(StackSettings settings) {
        return launchOrReuse(settings).awaitKeycloak();
    }

    /**
     * The stack with PostgreSQL and Kafka up and Keycloak still starting, so that what needs only the first two
     * (the services: they ask Keycloak for keys and tokens at their first request) can start meanwhile; {@link
     * #awaitKeycloak()} waits for the rest.
     */
    public static LocalStack launchOrReuse(StackSettings settings) {
        Optional<Long> owner = readPid(settings.dir().resolve("owner.pid"));
        if (owner.isPresent()
                && alive(owner.get())
                && Ports.inUse(settings.postgresPort())
                && Ports.inUse(settings.kafkaPort())
                && Ports.inUse(settings.keycloakPort())) {
            LOG.info("Reusing the local stack already run by pid {}", owner.get());
            return new LocalStack(settings, null, null, null);
        }
        owner.ifPresent(pid -> stopLeftovers(settings, pid));
        Ports.requireFree(settings.postgresPort(), "PostgreSQL of the local stack");
        Ports.requireFree(settings.kafkaPort(), "Kafka of the local stack");
        Ports.requireFree(settings.controllerPort(), "Kafka controller of the local stack");
        Ports.requireFree(settings.keycloakPort(), "Keycloak of the local stack");
        Ports.requireFree(settings.keycloakManagementPort(), "Keycloak's management interface");
        try {
            Files.createDirectories(settings.dir());
            Files.writeString(
                    settings.dir().resolve("owner.pid"),
                    Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new StackException("Cannot write the stack folder " + settings.dir() + ": " + e.getMessage(), e);
        }
        long started = System.nanoTime();
        // Keycloak takes longest: it starts first and is awaited last, while PostgreSQL and Kafka start
        KeycloakServer keycloak = KeycloakServer.launch(settings);
        PostgresServer postgres;
        KafkaServer kafka;
        try {
            postgres = PostgresServer.start(settings);
        } catch (RuntimeException e) {
            keycloak.close();
            throw e;
        }
        try {
            kafka = KafkaServer.start(settings, true);
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            keycloak.close();
            throw e;
        }
        LOG.info(
                "PostgreSQL on {} and Kafka on {} up in {} ms, Keycloak starting on {} (data in {})",
                settings.postgresPort(),
                settings.kafkaBootstrap(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                settings.keycloakUrl(),
                settings.dir());
        return new LocalStack(settings, postgres, kafka, keycloak);
    }

    /** Waits until Keycloak has started and taken what the local stack adds to its realm; stops all if it fails. */
    public synchronized LocalStack awaitKeycloak() {
        if (owned() && !keycloakReady) {
            long started = System.nanoTime();
            try {
                keycloak.awaitReady();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            keycloakReady = true;
            LOG.info(
                    "Keycloak up on {} ({} ms more)",
                    settings.keycloakUrl(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        return this;
    }

    public StackSettings settings() {
        return settings;
    }

    /** The PostgreSQL postmaster's pid, as its data directory records it. */
    public Optional<Long> postgresPid() {
        return PostgresServer.recordedPid(settings);
    }

    /** The Kafka broker's pid, as the stack folder records it. */
    public Optional<Long> kafkaPid() {
        return readPid(settings.dir().resolve("kafka.pid"));
    }

    /** True when this process started the stack (and so stops it). */
    public boolean owned() {
        return postgres != null;
    }

    /** Stops the Kafka broker alone, to show what the services do while it is away. */
    public synchronized void stopKafka() {
        requireOwned();
        kafka.close();
    }

    /** Starts the broker again on its old data, after {@link #stopKafka()}. */
    public synchronized void startKafka() {
        requireOwned();
        kafka = KafkaServer.start(settings, false);
    }

    /** Stops PostgreSQL, keeps it down for {@code down}, and starts it again on its data. */
    public synchronized void restartPostgres(Duration down) {
        requireOwned();
        postgres.restart(down);
    }

    private void requireOwned() {
        if (!owned()) {
            throw new StackException("This process reuses a stack it did not start, so it cannot stop parts of it");
        }
    }

    @Override
    public synchronized void close() {
        if (!owned()) {
            return;
        }
        kafka.close();
        closeQuietly(postgres);
        keycloak.close();
        try {
            Files.deleteIfExists(settings.dir().resolve("owner.pid"));
            Files.deleteIfExists(settings.dir().resolve("kafka.pid"));
        } catch (IOException e) {
            LOG.warn("Could not remove the stack's pid files: {}", e.getMessage());
        }
    }

    private static void stopLeftovers(StackSettings settings, long ownerPid) {
        if (alive(ownerPid)) {
            throw new StackException("A local stack run by pid " + ownerPid + " holds " + settings.dir()
                    + " but its servers do not answer. Stop that process (kill " + ownerPid + ") and try again.");
        }
        LOG.warn(
                "Found a stale local stack from an earlier run (pid {} is gone): stopping what it left running",
                ownerPid);
        readPid(settings.dir().resolve("kafka.pid")).ifPresent(LocalStack::terminate);
        readPid(settings.dir().resolve("keycloak/keycloak.pid")).ifPresent(LocalStack::terminate);
        PostgresServer.recordedPid(settings).ifPresent(LocalStack::terminate);
    }

    private static void terminate(long pid) {
        ProcessHandle.of(pid).ifPresent(LocalStack::stop);
    }

    /** Asks a server of the stack to stop (SIGTERM), and makes it after 20 s. */
    static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static java.util.logging.Logger quiet(String name, java.util.logging.Level level) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Files.exists(file)
                    ? Optional.of(Long.parseLong(Files.readString(file).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(PostgresServer postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
