package cafe.barista;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cafe.testing.Concurrently;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A move is one statement that moves the ticket only from the state it was read in: racing calls move it once. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class TicketRaceTest {

    @Test
    void racingStartsAndFinishesMoveTheTicketOnceEachWithOneEvent() {
        UUID orderId = PlacedOrders.send("c-race", null, "Mocha", 1, 420);
        String ticket = PlacedOrders.ticketOf(orderId);

        String barista = Tokens.barista();
        List<Integer> starts = Concurrently.run(
                8,
                () -> Tokens.as(barista).post("/tickets/" + ticket + "/start").statusCode());
        List<Integer> finishes = Concurrently.run(
                8,
                () -> Tokens.as(barista).post("/tickets/" + ticket + "/finish").statusCode());

        assertThat(Collections.frequency(starts, 200), equalTo(1));
        assertThat(Collections.frequency(starts, 409), equalTo(7));
        assertThat(Collections.frequency(finishes, 200), equalTo(1));
        assertThat(Collections.frequency(finishes, 409), equalTo(7));
        assertThat(events(orderId, "cafe.barista.brew-started"), equalTo(1L));
        assertThat(events(orderId, "cafe.barista.coffee-ready"), equalTo(1L));
        Tokens.as(Tokens.barista())
                .get("/tickets/" + ticket)
                .then()
                .statusCode(200)
                .body("status", equalTo("READY"));
    }

    private static long events(UUID orderId, String type) {
        return Sql.number(
                "barista",
                "select count(*) from outbox_event where aggregate_id = ? and event_type = ?",
                orderId.toString(),
                type);
    }
}
