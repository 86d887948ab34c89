package cafe.barista;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import cafe.barista.repository.TicketStatements;
import cafe.events.BrewStarted;
import cafe.events.EventCodec;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One statement moves a batch: only the tickets still as read move, and each gets its own event, no other. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class TicketStatementsTest {

    @Inject
    TicketStatements moves;

    @Test
    void aTicketMovedByAnotherMeanwhileIsLeftOutAndEveryOtherGetsItsOwnEvent() {
        List<Ticket> read = IntStream.range(0, 3)
                .mapToObj(i -> queuedTicket())
                .map(id -> moves.find(id).await().indefinitely())
                .toList();
        Ticket movedMeanwhile = read.get(0);
        Sql.update("barista", "update ticket set status = 'BREWING' where id = ?", movedMeanwhile.id);

        List<Ticket> moved = moves.move(
                        read, TicketStatus.BREWING, (ticket, at) -> new BrewStarted(ticket.orderId, ticket.id, at))
                .await()
                .indefinitely();

        assertThat(moved.stream().map(t -> t.id).toList(), contains(read.get(1).id, read.get(2).id));
        assertThat(startedEvents(movedMeanwhile), equalTo(List.of()));
        for (Ticket ticket : moved) {
            assertThat(ticket.status, equalTo(TicketStatus.BREWING));
            List<BrewStarted> events = startedEvents(ticket);
            assertThat("one event, its own", events.size(), equalTo(1));
            assertThat(events.get(0).orderId(), equalTo(ticket.orderId));
            assertThat(events.get(0).ticketId(), equalTo(ticket.id));
            assertThat(events.get(0).startedAt(), equalTo(ticket.updatedAt));
            assertThat(Sql.text("barista", "select status from ticket where id = ?", ticket.id), equalTo("BREWING"));
        }
    }

    private static UUID queuedTicket() {
        UUID id = UUID.randomUUID();
        Sql.update(
                "barista",
                "insert into ticket (id, order_id, customer_id, item, qty, status, created_at, updated_at)"
                        + " values (?, ?, 'c-moves', 'Latte', 1, 'QUEUED', now(), now())",
                id,
                UUID.randomUUID());
        return id;
    }

    private static List<BrewStarted> startedEvents(Ticket ticket) {
        String payloads = Sql.text(
                "barista",
                "select coalesce(json_agg(payload)::text, '[]') from outbox_event where aggregate_id = ?"
                        + " and event_type = 'cafe.barista.brew-started'",
                ticket.orderId.toString());
        return new io.vertx.core.json.JsonArray(payloads)
                .stream()
                        .map(payload ->
                                (BrewStarted) EventCodec.fromJson("cafe.barista.brew-started", (String) payload))
                        .toList();
    }
}
