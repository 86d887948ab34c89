package cafe.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka logins and what each may do, read from the cluster's own KafkaUser manifests
 * (deploy/platform/kafka-users.yaml), so the local broker enforces exactly what Strimzi does there.
 */
public record KafkaUsers(List<User> users) {

    /** A SCRAM login and the ACLs it is allowed by. */
    public record User(String name, List<AclBinding> acls) {}

    /** deploy/platform/kafka-users.yaml of this checkout, or the copy CAFE_KAFKA_USERS_MANIFEST names (in cafe/stack). */
    public static Path manifest() {
        String given = System.getenv("CAFE_KAFKA_USERS_MANIFEST");
        return given != null && !given.isBlank()
                ? Path.of(given)
                : StackSettings.projectRoot().resolve("deploy/platform/kafka-users.yaml");
    }

    public static KafkaUsers read(Path manifest) {
        List<User> users = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                new YAMLMapper().readerFor(JsonNode.class).readValues(manifest.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.path("kind").asText().equals("KafkaUser")) {
                    users.add(user(document));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new StackException("Cannot read the Kafka users of " + manifest + ": " + e.getMessage(), e);
        }
        return new KafkaUsers(List.copyOf(users));
    }

    private static User user(JsonNode document) {
        String name = document.path("metadata").path("name").asText();
        String principal = "User:" + name;
        List<AclBinding> acls = new ArrayList<>();
        for (JsonNode acl : document.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            ResourcePattern pattern = new ResourcePattern(
                    ResourceType.fromString(resource.path("type").asText()),
                    resource.path("name").asText(),
                    resource.path("patternType").asText("literal").equals("prefix")
                            ? PatternType.PREFIXED
                            : PatternType.LITERAL);
            for (JsonNode operation : acl.path("operations")) {
                AclOperation allowed =
                        AclOperation.fromString(operation.asText().toUpperCase(Locale.ROOT));
                if (allowed == AclOperation.UNKNOWN) {
                    throw new IllegalArgumentException(name + ": unknown operation " + operation.asText());
                }
                acls.add(new AclBinding(
                        pattern, new AccessControlEntry(principal, "*", allowed, AclPermissionType.ALLOW)));
            }
        }
        return new User(name, List.copyOf(acls));
    }

    public List<AclBinding> acls() {
        return users.stream().flatMap(user -> user.acls().stream()).toList();
    }
}
