package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cafe.events.Topics;
import cafe.stack.CafeService;
import cafe.stack.LocalEdge;
import cafe.stack.StackSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What names a service, its port, database or topic elsewhere agrees with {@link CafeService}: the
 * services' own settings, the topics' owners the consumers check, the route table, make up's published
 * ports and the README's table.
 */
class ServiceListTest {

    @Test
    void eachServiceSettingsNameItsPortDatabaseLoginAndTopics() throws IOException {
        for (CafeService service : CafeService.ALL) {
            Properties settings = settingsOf(service);
            String name = service.serviceName();
            assertEquals(Integer.toString(service.port()), settings.getProperty("%dev.quarkus.http.port"), name);
            String database = "/" + service.database();
            assertTrue(settings.getProperty("quarkus.datasource.reactive.url").endsWith(database), name);
            assertTrue(settings.getProperty("quarkus.datasource.jdbc.url").endsWith(database), name);
            assertEquals(
                    StackSettings.dbLogin(service.database()),
                    settings.getProperty("quarkus.datasource.username"),
                    name);
            assertEquals(
                    service.topic().orElse(null), settings.getProperty("mp.messaging.outgoing.outbox.topic"), name);
            settings.stringPropertyNames().stream()
                    .filter(key -> key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic"))
                    .forEach(key ->
                            assertTrue(CafeService.topics().contains(settings.getProperty(key)), name + " " + key));
        }
        assertEquals(
                "http://localhost:" + CafeService.PAYMENT.port(),
                settingsOf(CafeService.ORDER).getProperty("quarkus.rest-client.payment.url"));
    }

    @Test
    void theConsumersKnowEachTopicByTheServiceThatWritesIt() {
        assertEquals(CafeService.topics(), Topics.ALL);
        for (CafeService service : CafeService.ALL) {
            service.topic().ifPresent(topic -> assertEquals(service.serviceName(), Topics.ownerOf(topic)));
            assertEquals(service.deadLetterTopic(), Topics.deadLetterOf(service.serviceName()));
        }
    }

    @Test
    void theRouteTableSendsOnlyToTheServices() {
        LocalEdge.routes(LocalEdge.gatewayManifest())
                .forEach(route -> assertTrue(CafeService.NAMES.contains(route.service()), route.toString()));
    }

    @Test
    void makeUpPublishesAndTheReadmeNamesEachPortAndTopic() throws IOException {
        String up = Files.readString(Manifests.ROOT.resolve("deploy/containers/up.sh"));
        String readme = Files.readString(Manifests.ROOT.resolve("README.md"));
        CafeService first = CafeService.ALL.getFirst();
        CafeService last = CafeService.ALL.getLast();
        assertTrue(readme.contains("| " + first.port() + "–" + last.port() + " |"), "README: the services' ports");
        assertTrue(
                readme.contains("| " + first.managementPort() + "–" + last.managementPort() + " "),
                "README: the management ports");
        for (CafeService service : CafeService.ALL) {
            assertTrue(up.contains(" " + service.port() + " "), "up.sh publishes " + service.port());
            assertTrue(
                    up.contains(" " + service.managementPort() + " "), "up.sh publishes " + service.managementPort());
            service.topic().ifPresent(topic -> assertTrue(readme.contains("`" + topic + "`"), "README names " + topic));
        }
    }

    private static Properties settingsOf(CafeService service) throws IOException {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(
                Manifests.ROOT.resolve(service.serviceName()).resolve("src/main/resources/application.properties"))) {
            settings.load(in);
        }
        return settings;
    }
}
