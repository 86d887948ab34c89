package cafe.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The KafkaSources of deploy/knative/eventing.yaml, as {@link KafkaSourceStandIn} runs them: read from
 * that file, so that the local Knative mode and the cluster cannot drift apart.
 */
public final class EventingManifest {

    /** The namespace deploy/knative puts everything in; a source's service account lives there. */
    static final String NAMESPACE = "cafe";

    private EventingManifest() {}

    /** One KafkaSource: what it reads, where it delivers, how it retries and where it dead-letters. */
    public record Source(
            String name,
            String consumerGroup,
            List<String> topics,
            String service,
            String path,
            String audience,
            int retry,
            boolean exponential,
            Duration backoffDelay,
            String deadLetterTopic) {

        /** The wait before retry {@code n} (0 first): Knative's exponential (delay × 2^n) or linear (delay × (n+1)). */
        public Duration backoff(int n) {
            return exponential ? backoffDelay.multipliedBy(1L << Math.min(n, 30)) : backoffDelay.multipliedBy(n + 1L);
        }

        /** The subject of the source's token: the service account Eventing makes for it (its OIDC identity). */
        public String serviceAccount() {
            return "system:serviceaccount:" + NAMESPACE + ":" + name + "-oidc-sources.knative.dev-kafkasource";
        }
    }

    /** deploy/knative/eventing.yaml of this checkout, or the file CAFE_EVENTING_MANIFEST names. */
    public static Path path() {
        String given = System.getenv("CAFE_EVENTING_MANIFEST");
        return given != null && !given.isBlank()
                ? Path.of(given)
                : StackSettings.projectRoot().resolve("deploy/knative/eventing.yaml");
    }

    public static List<Source> sources(Path manifest) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> all =
                new YAMLMapper().readerFor(JsonNode.class).readValues(manifest.toFile())) {
            while (all.hasNext()) {
                JsonNode document = all.next();
                if (document != null && document.has("kind")) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new StackException("Cannot read " + manifest + ": " + e.getMessage(), e);
        }
        Map<String, String> sinkTopics = new HashMap<>();
        documents.stream()
                .filter(d -> d.path("kind").asText().equals("KafkaSink"))
                .forEach(d -> sinkTopics.put(
                        d.path("metadata").path("name").asText(),
                        d.path("spec").path("topic").asText()));
        return documents.stream()
                .filter(d -> d.path("kind").asText().equals("KafkaSource"))
                .map(d -> source(d, sinkTopics))
                .toList();
    }

    private static Source source(JsonNode document, Map<String, String> sinkTopics) {
        String name = document.path("metadata").path("name").asText();
        JsonNode spec = document.path("spec");
        JsonNode delivery = spec.path("delivery");
        String deadLetterSink =
                delivery.path("deadLetterSink").path("ref").path("name").asText();
        String deadLetterTopic = sinkTopics.get(deadLetterSink);
        if (deadLetterTopic == null) {
            throw new StackException("KafkaSource " + name + ": its dead-letter sink " + deadLetterSink
                    + " is no KafkaSink of the same file");
        }
        List<String> topics = new ArrayList<>();
        spec.path("topics").forEach(topic -> topics.add(topic.asText()));
        JsonNode sink = spec.path("sink");
        return new Source(
                name,
                spec.path("consumerGroup").asText(),
                List.copyOf(topics),
                sink.path("ref").path("name").asText(),
                sink.path("uri").asText("/"),
                sink.path("audience").asText(),
                delivery.path("retry").asInt(0),
                delivery.path("backoffPolicy").asText("exponential").equals("exponential"),
                Duration.parse(delivery.path("backoffDelay").asText("PT0.2S")),
                deadLetterTopic);
    }
}
