package cafe.messaging.outbox;

import static cafe.messaging.Transactions.inTransaction;
import static cafe.messaging.Transactions.onVertx;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cafe.events.BrewStarted;
import cafe.events.EventCodec;
import cafe.events.OrderCanceled;
import cafe.events.Topics;
import cafe.messaging.DedicatedConnections;
import cafe.testing.Concurrently;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.Test;

/**
 * The outbox on its own: what commits is published once, in order, as a CloudEvent; what rolls back never
 * exists. The relay's sweep is off here (application.properties): everything published was woken by a commit.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OutboxTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    @Channel(OutboxRelay.CHANNEL)
    MutinyEmitter<String> emitter;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    DedicatedConnections connections;

    @Inject
    OutboxPurge purge;

    @Inject
    OutboxBacklog backlog;

    @Inject
    @Wellness
    OutboxBacklogCheck backlogCheck;

    /**
     * A relay that cannot publish an event (Kafka refuses its topic) leaves it waiting: the backlog, which
     * the gauges read, is measured on its own schedule, without anyone asking for health, and the wellness check turns DOWN once the oldest
     * event is older than cafe.outbox.max-age; once Kafka takes it, the event is published.
     */
    @Test
    void aStuckEventShowsInTheGaugesOnItsOwnAndTurnsTheCheckDown() {
        UUID orderId = UUID.randomUUID();
        Sql.update(
                "messaging",
                "insert into outbox_event (event_id, event_type, topic, aggregate_id, source, payload, created_at)"
                        + " values (gen_random_uuid(), 'cafe.barista.brew-started', 'no such topic!', ?, '/test', ?,"
                        + " now() - interval '10 minutes')",
                orderId.toString(),
                EventCodec.toJson(new BrewStarted(orderId, UUID.randomUUID(), Instant.now())));

        await().atMost(EVENTUALLY).until(() -> backlog.oldestSeconds() >= 600);
        assertTrue(backlog.pending() >= 1);
        HealthCheckResponse stuck = backlogCheck.call().await().atMost(EVENTUALLY);
        assertEquals(HealthCheckResponse.Status.DOWN, stuck.getStatus());

        awaitPublishedOnceKafkaTakesIt(orderId);
    }

    @Test
    void aCommittedEventIsPublishedOnceAsACloudEventAndMarkedPublished() {
        UUID orderId = UUID.randomUUID();
        inTransaction(() -> outbox.append(new OrderCanceled(orderId, "c-outbox", UUID.randomUUID(), Instant.now())));

        ConsumerRecord<String, String> record =
                KafkaEvents.awaitEvent(Topics.ORDERS, orderId.toString(), "cafe.order.canceled", EVENTUALLY);
        assertEquals("/messaging-test", KafkaEvents.header(record, "ce_source"));
        assertEquals("1.0", KafkaEvents.header(record, "ce_specversion"));
        assertEquals(
                Sql.text(
                        "messaging",
                        "select event_id::text from outbox_event where aggregate_id = ?",
                        orderId.toString()),
                KafkaEvents.header(record, "ce_id"));
        await().atMost(EVENTUALLY)
                .until(() -> Sql.number(
                                "messaging",
                                "select count(*) from outbox_event where aggregate_id = ? and published_at is not null",
                                orderId.toString())
                        == 1);
        assertEquals(1, recordsOf(Topics.ORDERS, orderId).size(), "published once");
    }

    @Test
    void anEventWrittenInATransactionThatRollsBackIsNeverStoredNorPublished() {
        UUID orderId = UUID.randomUUID();

        assertThrows(
                IllegalStateException.class,
                () -> inTransaction(() -> outbox.append(
                                new OrderCanceled(orderId, "c-rollback", UUID.randomUUID(), Instant.now()))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the state change failed")))));

        assertEquals(
                0,
                Sql.number(
                        "messaging", "select count(*) from outbox_event where aggregate_id = ?", orderId.toString()));
        UUID later = UUID.randomUUID();
        inTransaction(() -> outbox.append(new OrderCanceled(later, "c-later", UUID.randomUUID(), Instant.now())));
        KafkaEvents.awaitEvent(Topics.ORDERS, later.toString(), "cafe.order.canceled", EVENTUALLY);
        assertEquals(
                List.of(), recordsOf(Topics.ORDERS, orderId), "nothing of the rolled-back transaction reached Kafka");
    }

    @Test
    void theEventsOfOneOrderArePublishedInTheOrderTheyWereWritten() {
        UUID orderId = UUID.randomUUID();
        List<UUID> tickets =
                IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        for (UUID ticket : tickets) {
            inTransaction(() -> outbox.append(new BrewStarted(orderId, ticket, Instant.now())));
        }

        await().atMost(EVENTUALLY)
                .until(() -> recordsOf(Topics.BARISTA, orderId).size() == tickets.size());
        List<UUID> published = recordsOf(Topics.BARISTA, orderId).stream()
                .map(r -> UUID.fromString(r.value().replaceAll(".*\"ticketId\":\"([^\"]+)\".*", "$1")))
                .toList();
        assertEquals(tickets, published);
    }

    @Test
    void aBatchThatFailsInTheMiddleIsMarkedNoneOfItAndSentAgainWholeOnceTheCauseIsGone() {
        UUID orderId = UUID.randomUUID();
        List<UUID> tickets =
                IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        inTransaction(() -> outbox.append(new BrewStarted(orderId, tickets.get(0), Instant.now()))
                .chain(() -> outbox.append(new BrewStarted(orderId, tickets.get(1), Instant.now())))
                .chain(() -> outbox.append(new BrewStarted(orderId, tickets.get(2), Instant.now())))
                // the middle event cannot be sent: Kafka refuses its topic's name (a topic of its own, so
                // this is no test of the order within a partition, which the test above is)
                .chain(() -> Panache.getSession())
                .chain(session -> session.createNativeQuery("update outbox_event set topic = 'no such topic!'"
                                + " where aggregate_id = :order and payload like :middle")
                        .setParameter("order", orderId.toString())
                        .setParameter("middle", "%" + tickets.get(1) + "%")
                        .executeUpdate()));

        // the batch fails as a whole: none of its rows is marked, whatever Kafka received of it
        await().during(Duration.ofSeconds(2)).atMost(EVENTUALLY).until(() -> unpublished(orderId) == 3);

        awaitPublishedOnceKafkaTakesIt(orderId);
        Set<UUID> published = Set.copyOf(ticketsPublished(orderId));
        assertEquals(
                Set.copyOf(tickets), published, "every event at least once: the failed batch was sent again whole");
    }

    /**
     * Two replicas' relays, each asking for the lead on a connection of its own, are woken together again and
     * again: one leads, the other publishes nothing, and each event goes out once. When the leader's connection
     * ends, the two contend again, one of them takes the lead and publishes what is left, each event once.
     */
    @Test
    void twoRelaysOnTwoConnectionsContendForTheLeadAndPublishEachEventOnce() {
        OutboxRelay otherReplica = anotherReplica(connections.options(), Duration.ofSeconds(1), Duration.ofSeconds(5));
        try {
            UUID orderId = UUID.randomUUID();
            List<UUID> before = appendBrewsStarted(orderId, 50);
            wakeBothAtOnce(relay, otherReplica);
            await().atMost(EVENTUALLY).until(() -> unpublished(orderId) == 0);
            assertEquals(1, relayLeaders(), "one relay holds the lead");

            endTheLeadersConnection();
            List<UUID> after = appendBrewsStarted(orderId, 50);
            await().atMost(EVENTUALLY).until(() -> {
                wakeBothAtOnce(relay, otherReplica);
                return unpublished(orderId) == 0;
            });
            assertEquals(1, relayLeaders(), "one relay holds the lead again");

            List<UUID> published = ticketsPublished(orderId);
            Set<UUID> all = new java.util.HashSet<>(before);
            all.addAll(after);
            assertEquals(all, Set.copyOf(published), "every event");
            assertEquals(all.size(), published.size(), "each event once");
        } finally {
            otherReplica.stop(null);
            leadAgain();
        }
    }

    /**
     * A leader whose connection falls silent (the network drops its packets, no connection ends) stops
     * believing it leads, and the database ends its idle session and so frees the lead for another replica:
     * the lead moves, and every event is still published once.
     */
    @Test
    void aLeaderWhoseConnectionFallsSilentGivesUpAndTheDatabaseFreesTheLeadForAnother() throws Exception {
        PgConnectOptions database = connections.options();
        try (SilentLink link = SilentLink.to(vertx.getDelegate(), database.getHost(), database.getPort())) {
            OutboxRelay silentReplica = anotherReplica(
                    connections.options().setHost("localhost").setPort(link.port()),
                    Duration.ofMillis(200),
                    Duration.ofMillis(500));
            try {
                await().atMost(EVENTUALLY).until(() -> {
                    if (!leadsThrough(link)) {
                        endTheLeadersConnection();
                        onVertx(silentReplica::publishPending);
                    }
                    return leadsThrough(link);
                });
                UUID orderId = UUID.randomUUID();
                List<UUID> before = appendBrewsStarted(orderId, 20);
                await().atMost(EVENTUALLY).until(() -> {
                    onVertx(silentReplica::publishPending);
                    return unpublished(orderId) == 0;
                });

                link.fallSilent();
                await().atMost(EVENTUALLY).until(() -> !silentReplica.leads());
                await().atMost(EVENTUALLY).until(() -> {
                    onVertx(relay::publishPending);
                    return relayLeaders() == 1 && !leadsThrough(link);
                });
                List<UUID> after = appendBrewsStarted(orderId, 20);
                await().atMost(EVENTUALLY).until(() -> {
                    wakeBothAtOnce(relay, silentReplica);
                    return unpublished(orderId) == 0;
                });

                List<UUID> published = ticketsPublished(orderId);
                Set<UUID> all = new java.util.HashSet<>(before);
                all.addAll(after);
                assertEquals(all, Set.copyOf(published), "every event");
                assertEquals(all.size(), published.size(), "each event once");
            } finally {
                silentReplica.stop(null);
                link.close(); // ends the silent session too, whatever the test saw
                leadAgain();
            }
        }
    }

    /**
     * Another replica's relay on this database (its leadership connection with {@code leaderConnection}), in
     * batches of five, with no sweep: it publishes when a test wakes it.
     */
    private OutboxRelay anotherReplica(PgConnectOptions leaderConnection, Duration maxBackoff, Duration leadCheck) {
        return new OutboxRelay(
                emitter,
                pool,
                vertx,
                leaderConnection,
                new RelaySettings(5, Duration.ofHours(1), maxBackoff, Duration.ofSeconds(30), leadCheck));
    }

    private record RelaySettings(
            int batchSize, Duration sweepInterval, Duration maxBackoff, Duration batchDeadline, Duration leadCheck)
            implements OutboxConfig.Relay {}

    /** This replica leads again and so hears of commits: the tests after a contest rely on its wake-ups. */
    private void leadAgain() {
        UUID probe = UUID.randomUUID();
        inTransaction(() -> outbox.append(new OrderCanceled(probe, "c-probe", UUID.randomUUID(), Instant.now())));
        await().atMost(EVENTUALLY).until(() -> onVertx(relay::publishPending) >= 1 || unpublished(probe) == 0);
    }

    /** Whether the session holding the relay's advisory lock came through the link. */
    private static boolean leadsThrough(SilentLink link) {
        Set<Integer> ports = link.serverSidePorts();
        if (ports.isEmpty()) {
            return false;
        }
        String portList = ports.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        return Sql.number(
                        "messaging",
                        "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                                + " where l.locktype = 'advisory' and l.granted"
                                + " and l.objid = hashtext('cafe.outbox.relay')::oid and a.client_port in ("
                                + portList + ")")
                > 0;
    }

    private List<UUID> appendBrewsStarted(UUID orderId, int count) {
        List<UUID> tickets =
                IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
        inTransaction(() -> io.smallrye.mutiny.Multi.createFrom()
                .iterable(tickets)
                .onItem()
                .transformToUniAndConcatenate(ticket -> outbox.append(new BrewStarted(orderId, ticket, Instant.now())))
                .collect()
                .last());
        return tickets;
    }

    private static void wakeBothAtOnce(OutboxRelay one, OutboxRelay other) {
        AtomicInteger turn = new AtomicInteger();
        Concurrently.run(
                8, () -> onVertx(turn.getAndIncrement() % 2 == 0 ? one::publishPending : other::publishPending));
    }

    /** The tickets of the order's brew-started events on the barista topic, one per record. */
    private static List<UUID> ticketsPublished(UUID orderId) {
        return recordsOf(Topics.BARISTA, orderId).stream()
                .map(r -> ((BrewStarted) EventCodec.fromJson("cafe.barista.brew-started", r.value())).ticketId())
                .toList();
    }

    /** The leading relay loses its lead: the connection that holds its lock (and LISTENs) is ended. */
    private static void endTheLeadersConnection() {
        Sql.number(
                "messaging",
                "select count(pg_terminate_backend(pid)) from pg_locks where locktype = 'advisory' and granted"
                        + " and objid = hashtext('cafe.outbox.relay')::oid");
    }

    /** The sessions holding the relay's advisory lock. */
    private static long relayLeaders() {
        return Sql.number(
                "messaging",
                "select count(*) from pg_locks where locktype = 'advisory' and granted"
                        + " and objid = hashtext('cafe.outbox.relay')::oid");
    }

    @Test
    void aReplicaThatDoesNotLeadPublishesNothingAndTakesTheLeadOnceItIsFree() throws Exception {
        // this replica loses its lead (its connection ends) and another one takes it: the test's session
        endTheLeadersConnection();
        UUID orderId = UUID.randomUUID();
        try (Connection otherReplica = Sql.connect("messaging")) {
            await().atMost(EVENTUALLY).until(() -> tryLead(otherReplica));
            inTransaction(
                    () -> outbox.append(new OrderCanceled(orderId, "c-follower", UUID.randomUUID(), Instant.now())));
            assertEquals(0, onVertx(relay::publishPending), "a replica that does not lead publishes nothing");
            assertEquals(1, unpublished(orderId));
        }
        // the other replica is gone, and with it its lock
        await().atMost(EVENTUALLY).until(() -> onVertx(relay::publishPending) >= 1 || unpublished(orderId) == 0);
        KafkaEvents.awaitEvent(Topics.ORDERS, orderId.toString(), "cafe.order.canceled", EVENTUALLY);

        // leading again, it hears of commits again: the next event goes out with no sweep and no call
        UUID next = UUID.randomUUID();
        inTransaction(() -> outbox.append(new OrderCanceled(next, "c-leader", UUID.randomUUID(), Instant.now())));
        await().atMost(EVENTUALLY).until(() -> unpublished(next) == 0);
    }

    /** Five old rows and a batch of two (application.properties): one run goes on until they are all gone. */
    @Test
    void publishedRowsOlderThanTheRetentionArePurgedInAsManyBatchesAsItTakesAndNothingElse() {
        List<UUID> old = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        UUID recent = UUID.randomUUID();
        UUID pending = UUID.randomUUID();
        List<UUID> all = new java.util.ArrayList<>(old);
        all.addAll(List.of(recent, pending));
        for (UUID orderId : all) {
            inTransaction(() -> outbox.append(new OrderCanceled(orderId, "c-purge", UUID.randomUUID(), Instant.now())));
        }
        await().atMost(EVENTUALLY).until(() -> all.stream().allMatch(id -> unpublished(id) == 0));
        for (UUID orderId : old) {
            Sql.update(
                    "messaging",
                    "update outbox_event set published_at = now() - interval '8 days' where aggregate_id = ?",
                    orderId.toString());
        }
        Sql.update(
                "messaging",
                "update outbox_event set published_at = null, created_at = now() - interval '8 days'"
                        + " where aggregate_id = ?",
                pending.toString());
        onVertx(purge::purge);

        old.forEach(orderId -> assertEquals(0, rows(orderId)));
        assertEquals(1, rows(recent));
        assertEquals(1, rows(pending), "a row not yet published is never purged, however old");
        Sql.update("messaging", "delete from outbox_event where aggregate_id = ?", pending.toString());
    }

    private static boolean tryLead(Connection session) throws SQLException {
        try (Statement statement = session.createStatement();
                ResultSet lead = statement.executeQuery("select pg_try_advisory_lock(hashtext('cafe.outbox.relay'))")) {
            return lead.next() && lead.getBoolean(1);
        }
    }

    /** Gives the order's rows a topic Kafka has, and waits until the relay has published them. */
    private static void awaitPublishedOnceKafkaTakesIt(UUID orderId) {
        Sql.update(
                "messaging",
                "update outbox_event set topic = ? where aggregate_id = ?",
                Topics.BARISTA,
                orderId.toString());
        await().atMost(EVENTUALLY).until(() -> unpublished(orderId) == 0);
    }

    private static long unpublished(UUID orderId) {
        return Sql.number(
                "messaging",
                "select count(*) from outbox_event where aggregate_id = ? and published_at is null",
                orderId.toString());
    }

    private static long rows(UUID orderId) {
        return Sql.number("messaging", "select count(*) from outbox_event where aggregate_id = ?", orderId.toString());
    }

    private static List<ConsumerRecord<String, String>> recordsOf(String topic, UUID orderId) {
        return KafkaEvents.readAll(topic).stream()
                .filter(r -> orderId.toString().equals(r.key()))
                .toList();
    }
}
