package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cafe.stack.EventingManifest;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each KafkaSource of deploy/knative/eventing.yaml fits the service it delivers to: it reads the topics
 * the service's Kafka channels read, in the same consumer group; its dead letters go to the topic the
 * service's replay reads; and its token (its service account, its audience) is one the service's
 * {@code /events} accepts. A source and a service that disagree would drop events or refuse every one.
 */
class EventingTest {

    private static final List<EventingManifest.Source> SOURCES =
            EventingManifest.sources(Manifests.DEPLOY.resolve("knative/eventing.yaml"));

    @Test
    void everyConsumingServiceHasExactlyOneSource() throws IOException {
        List<String> consuming = new java.util.ArrayList<>();
        for (String service : Manifests.SERVICES) {
            if (ConfigCoverageTest.properties(service).stringPropertyNames().stream()
                    .anyMatch(key -> key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic"))) {
                consuming.add(service);
            }
        }
        assertEquals(
                consuming,
                SOURCES.stream()
                        .map(EventingManifest.Source::service)
                        .sorted(java.util.Comparator.comparing(Manifests.SERVICES::indexOf))
                        .toList());
    }

    @Test
    void eachSourceReadsWhatItsServiceReadsInPlainModeInTheSameGroup() throws IOException {
        for (EventingManifest.Source source : SOURCES) {
            Properties config = ConfigCoverageTest.properties(source.service());
            Set<String> channelTopics = new TreeSet<>();
            config.stringPropertyNames().stream()
                    .filter(key -> key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic"))
                    .forEach(key -> channelTopics.add(config.getProperty(key)));
            assertEquals(channelTopics, new TreeSet<>(source.topics()), source.name() + " topics");
            assertEquals(source.service(), source.consumerGroup(), source.name() + " consumer group");
            assertEquals("/events", source.path(), source.name() + " sink path");
        }
    }

    @Test
    void eachSourceDeadLettersToTheTopicItsServiceReplays() throws IOException {
        for (EventingManifest.Source source : SOURCES) {
            assertEquals(
                    resolved(source.service(), "cafe.dead-letters.topic"),
                    source.deadLetterTopic(),
                    source.name() + " dead-letter topic");
        }
    }

    @Test
    void eachSourcesTokenIsOneItsServiceAccepts() throws IOException {
        for (EventingManifest.Source source : SOURCES) {
            assertEquals(
                    resolved(source.service(), "cafe.events.auth.audience"),
                    source.audience(),
                    source.name() + " audience");
            String senders = ConfigCoverageTest.properties(source.service()).getProperty("cafe.events.auth.senders");
            assertTrue(
                    List.of(senders.split(",")).contains(source.serviceAccount()),
                    source.service() + " accepts " + source.serviceAccount() + ": " + senders);
        }
    }

    @Test
    void everySourceRetriesPassingFailuresBeforeItDeadLetters() {
        for (EventingManifest.Source source : SOURCES) {
            assertTrue(source.retry() >= 10, source.name() + " retries");
            assertTrue(source.backoff(source.retry() - 1).toMinutes() >= 30, source.name() + " backs off for long");
        }
    }

    private static String resolved(String service, String key) throws IOException {
        return ConfigCoverageTest.properties(service).getProperty(key).replace("${quarkus.application.name}", service);
    }
}
