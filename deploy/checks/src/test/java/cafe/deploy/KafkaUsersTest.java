package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cafe.stack.EventingManifest;
import cafe.stack.KafkaUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each Kafka login of deploy/platform/kafka-users.yaml allows what its client does and nothing more: a
 * service writes its outbox topic and its dead-letter topic, reads what its channels consume and joins only
 * groups named after it; Knative Eventing reads what its KafkaSources read in their groups and writes their
 * dead-letter topics. Too little and a service stops; too much and one pod can forge another's events.
 */
class KafkaUsersTest {

    private static final KafkaUsers USERS = KafkaUsers.read(Manifests.DEPLOY.resolve("platform/kafka-users.yaml"));

    @Test
    void thereIsOneLoginPerServiceAndOneForEventing() {
        Set<String> expected = new TreeSet<>(Manifests.SERVICES);
        expected.add("cafe-eventing");
        assertEquals(
                expected,
                USERS.users().stream().map(KafkaUsers.User::name).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void eachServiceMayDoWhatItsConfigurationDoesAndNothingElse() throws IOException {
        for (String service : Manifests.SERVICES) {
            Properties config = ConfigCoverageTest.properties(service);
            Set<String> expected = new TreeSet<>();
            String outbox = config.getProperty("mp.messaging.outgoing.outbox.topic");
            if (outbox != null) {
                expected.add("TOPIC LITERAL " + outbox + " WRITE");
                expected.add("TOPIC LITERAL " + outbox + " DESCRIBE");
            }
            config.stringPropertyNames().stream()
                    .filter(key -> key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic"))
                    .map(config::getProperty)
                    .forEach(topic -> {
                        expected.add("TOPIC LITERAL " + topic + " READ");
                        expected.add("TOPIC LITERAL " + topic + " DESCRIBE");
                    });
            String deadLetters =
                    config.getProperty("cafe.dead-letters.topic").replace("${quarkus.application.name}", service);
            for (String operation : new String[] {"WRITE", "READ", "DESCRIBE"}) {
                expected.add("TOPIC LITERAL " + deadLetters + " " + operation);
            }
            assertEquals("${quarkus.application.name}", config.getProperty("cafe.kafka.username"));
            expected.add("GROUP PREFIXED " + service + " READ");
            expected.add("GROUP PREFIXED " + service + " DESCRIBE");
            assertEquals(expected, allowed(service), service);
        }
    }

    @Test
    void eventingMayDoWhatItsSourcesAndSinksDoAndNothingElse() {
        Set<String> expected = new TreeSet<>();
        for (EventingManifest.Source source :
                EventingManifest.sources(Manifests.DEPLOY.resolve("knative/eventing.yaml"))) {
            source.topics().forEach(topic -> {
                expected.add("TOPIC LITERAL " + topic + " READ");
                expected.add("TOPIC LITERAL " + topic + " DESCRIBE");
            });
            expected.add("GROUP LITERAL " + source.consumerGroup() + " READ");
            expected.add("GROUP LITERAL " + source.consumerGroup() + " DESCRIBE");
            expected.add("TOPIC LITERAL " + source.deadLetterTopic() + " WRITE");
            expected.add("TOPIC LITERAL " + source.deadLetterTopic() + " DESCRIBE");
        }
        assertEquals(expected, allowed("cafe-eventing"));
    }

    @Test
    void theListenerAsksForALoginAndTheAuthorizerEnforcesTheAcls() throws IOException {
        Map<?, ?> kafka = Manifests.in(Manifests.DEPLOY.resolve("platform/kafka.yaml")).stream()
                .filter(m -> m.kind().equals("Kafka"))
                .map(m -> Manifests.YAML.unmarshal(m.yaml(), Map.class))
                .findFirst()
                .orElseThrow();
        Map<?, ?> spec = (Map<?, ?>) ((Map<?, ?>) kafka.get("spec")).get("kafka");
        for (Object listener : (Iterable<?>) spec.get("listeners")) {
            assertEquals(
                    Map.of("type", "scram-sha-512"), ((Map<?, ?>) listener).get("authentication"), listener.toString());
        }
        assertEquals(Map.of("type", "simple"), spec.get("authorization"));
    }

    @Test
    void everyServiceAndEveryEventingResourceLogsInWithItsOwnSecret() throws IOException {
        for (String service : Manifests.SERVICES) {
            String secrets = ConfigCoverageTest.properties(service).getProperty("quarkus.kubernetes.env.secrets");
            assertTrue(secrets.contains(service + "-kafka"), service + " envFrom " + secrets);
            assertTrue(
                    ConfigCoverageTest.properties(service)
                            .getProperty("quarkus.knative.env.secrets")
                            .contains(service + "-kafka"),
                    service + " on Knative");
        }
        String users = Files.readString(Manifests.DEPLOY.resolve("platform/kafka-users.yaml"));
        for (String service : Manifests.SERVICES) {
            assertTrue(users.contains("name: " + service + "-kafka"), service + "'s KafkaUser takes its Secret");
        }
        for (Manifests.Manifest resource : Manifests.in(Manifests.DEPLOY.resolve("knative/eventing.yaml"))) {
            Map<?, ?> spec = (Map<?, ?>)
                    Manifests.YAML.unmarshal(resource.yaml(), Map.class).get("spec");
            if (resource.kind().equals("KafkaSource")) {
                Map<?, ?> sasl = (Map<?, ?>) ((Map<?, ?>) spec.get("net")).get("sasl");
                assertEquals(true, sasl.get("enable"), resource.toString());
                for (String part : new String[] {"user", "password", "type"}) {
                    Map<?, ?> ref = (Map<?, ?>) ((Map<?, ?>) sasl.get(part)).get("secretKeyRef");
                    assertEquals("cafe-eventing-kafka", ref.get("name"), resource + " " + part);
                }
            } else if (resource.kind().equals("KafkaSink")) {
                Map<?, ?> ref = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) spec.get("auth")).get("secret")).get("ref");
                assertEquals("cafe-eventing-kafka", ref.get("name"), resource.toString());
            }
        }
    }

    private static Set<String> allowed(String login) {
        return USERS.users().stream()
                .filter(user -> user.name().equals(login))
                .flatMap(user -> user.acls().stream())
                .map(acl -> {
                    assertEquals("User:" + login, acl.entry().principal());
                    return acl.pattern().resourceType() + " " + acl.pattern().patternType() + " "
                            + acl.pattern().name() + " " + acl.entry().operation();
                })
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
