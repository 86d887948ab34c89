package cafe.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;

/**
 * An Apache Kafka broker in KRaft mode (one combined broker and controller on 127.0.0.1), run as a
 * JVM process of its own from the jars the kafka-broker module resolved. Like the cluster's, it lets no
 * anonymous client in: clients log in with SCRAM-SHA-512 (the controller's own listener with PLAIN), and
 * the authorizer allows each login only what its KafkaUser says ({@link KafkaUsers}). The stack's operator
 * login ({@link StackSettings#KAFKA_OPERATOR}: the broker itself, the tests, the bench) is a super user.
 */
final class KafkaServer implements AutoCloseable {

    private static final int PARTITIONS = 3;
    private static final String SECURED = "secured";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;

    private KafkaServer(Process process) {
        this.process = process;
    }

    /** Starts the broker; {@code fresh} wipes the data of an earlier run, otherwise the broker resumes on it. */
    static KafkaServer start(StackSettings settings, boolean fresh) {
        Path home = settings.dir().resolve("kafka");
        try {
            if (fresh || !Files.exists(home.resolve(SECURED))) {
                // data of a broker from before logins were required has no operator login to start with
                Folders.delete(home);
            }
            Files.createDirectories(home);
            Path config = writeConfig(settings, home);
            String classpath = brokerClasspath();
            run(
                    home,
                    classpath,
                    home.resolve("format.log"),
                    "kafka.tools.StorageTool",
                    "format",
                    "--ignore-formatted",
                    "--cluster-id",
                    clusterId(home),
                    "--config",
                    config.toString(),
                    "--add-scram",
                    "SCRAM-SHA-512=[name=" + StackSettings.KAFKA_OPERATOR + ",password="
                            + StackSettings.kafkaPassword(StackSettings.KAFKA_OPERATOR) + "]");
            Files.writeString(home.resolve(SECURED), "SASL_PLAINTEXT, SCRAM-SHA-512\n");
            Process broker = java(home, classpath, "kafka.Kafka", config.toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            home.resolve("kafka.log").toFile()))
                    .start();
            Files.writeString(settings.dir().resolve("kafka.pid"), Long.toString(broker.pid()));
            KafkaServer server = new KafkaServer(broker);
            server.awaitReadyAndCreateTopics(settings);
            return server;
        } catch (IOException e) {
            throw new StackException("Kafka did not start: " + e.getMessage(), e);
        }
    }

    private static String clusterId(Path home) throws IOException {
        Path file = home.resolve("cluster.id");
        if (!Files.exists(file)) {
            Files.writeString(file, Uuid.randomUuid().toString());
        }
        return Files.readString(file).trim();
    }

    static List<String> topicsWithDeadLetters() {
        List<String> all = new ArrayList<>(CafeService.topics());
        for (CafeService service : CafeService.ALL) {
            all.add(service.deadLetterTopic());
        }
        return all;
    }

    private void awaitReadyAndCreateTopics(StackSettings settings) {
        Properties props = new Properties();
        props.putAll(settings.kafkaClient(StackSettings.KAFKA_OPERATOR));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new StackException("Kafka exited with code " + process.exitValue() + " (see "
                            + settings.dir().resolve("kafka/kafka.log") + ")");
                }
                try {
                    Set<String> existing = admin.listTopics().names().get(4, TimeUnit.SECONDS);
                    List<NewTopic> missing = topicsWithDeadLetters().stream()
                            .filter(topic -> !existing.contains(topic))
                            .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1)
                                    .configs(Map.of("retention.ms", "86400000")))
                            .toList();
                    admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                    createLogins(admin, KafkaUsers.read(KafkaUsers.manifest()));
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new StackException("Kafka was not ready within " + START_TIMEOUT.toSeconds() + " s", e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while Kafka started", e);
        }
    }

    /** Each KafkaUser's login (password {@link StackSettings#kafkaPassword}) and its ACLs; again at every start. */
    private static void createLogins(Admin admin, KafkaUsers users)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<UserScramCredentialAlteration> logins = users.users().stream()
                .map(user -> (UserScramCredentialAlteration) new UserScramCredentialUpsertion(
                        user.name(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                        StackSettings.kafkaPassword(user.name())))
                .toList();
        admin.alterUserScramCredentials(logins).all().get(10, TimeUnit.SECONDS);
        admin.createAcls(users.acls()).all().get(10, TimeUnit.SECONDS);
    }

    private static Path writeConfig(StackSettings settings, Path home) throws IOException {
        String listeners =
                "CLIENT://127.0.0.1:" + settings.kafkaPort() + ",CONTROLLER://127.0.0.1:" + settings.controllerPort();
        String password = StackSettings.kafkaPassword(StackSettings.KAFKA_OPERATOR);
        String operator = "username=\"" + StackSettings.KAFKA_OPERATOR + "\" password=\"" + password + "\"";
        String config = String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + settings.controllerPort(),
                "listeners=" + listeners,
                "advertised.listeners=CLIENT://127.0.0.1:" + settings.kafkaPort(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=CLIENT",
                "listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                // clients and the broker itself: SCRAM, whose logins live in the cluster's metadata
                "listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "listener.name.client.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required " + operator + ";",
                // the controller authenticates before any metadata exists: PLAIN with the one login it knows
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config="
                        + "org.apache.kafka.common.security.plain.PlainLoginModule required " + operator + " user_"
                        + StackSettings.KAFKA_OPERATOR + "=\"" + password + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + StackSettings.KAFKA_OPERATOR,
                "allow.everyone.if.no.acl.found=false",
                "log.dirs=" + home.resolve("data"),
                "num.partitions=" + PARTITIONS,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "");
        Path file = home.resolve("server.properties");
        Files.writeString(file, config);
        Files.writeString(
                home.resolve("log4j2.properties"),
                String.join(
                        "\n",
                        "rootLogger.level=WARN",
                        "rootLogger.appenderRef.stdout.ref=STDOUT",
                        "appender.stdout.type=Console",
                        "appender.stdout.name=STDOUT",
                        "appender.stdout.layout.type=PatternLayout",
                        "appender.stdout.layout.pattern=[%d] %p %m (%c)%n",
                        "logger.kafka.name=kafka.server.KafkaRaftServer",
                        "logger.kafka.level=INFO",
                        ""));
        return file;
    }

    private static void run(Path home, String classpath, Path log, String... args) throws IOException {
        Process process = java(home, classpath, args)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new StackException("Kafka storage format failed (see " + log + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while formatting Kafka storage", e);
        }
    }

    private static ProcessBuilder java(Path home, String classpath, String... args) {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties"),
                "-cp",
                classpath));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The broker classpath written by the kafka-broker module's build. */
    private static String brokerClasspath() {
        String given = System.getenv("CAFE_KAFKA_CLASSPATH");
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path file = StackSettings.projectRoot().resolve("local-stack/kafka-broker/target/broker.classpath");
        if (!Files.exists(file)) {
            throw new StackException("The Kafka broker's classpath is missing (" + file + "). "
                    + "Build it with: mvn -q -f local-stack/kafka-broker generate-resources");
        }
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        LocalStack.stop(process.toHandle());
    }
}
