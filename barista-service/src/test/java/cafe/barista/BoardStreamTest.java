package cafe.barista;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cafe.events.OrderPlaced;
import cafe.testing.CloudEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.RouteMatrix;
import cafe.testing.SseClient;
import cafe.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The live board: a stream starts with the whole board, then carries each change, whoever made it (the
 * consumer queueing a paid order, another barista's moves), with the name to call out and never the
 * customer's id; a drink handed over leaves it.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class BoardStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/tickets/stream")
    URI stream;

    @Test
    void aBoardSeesANewTicketWithItsNameAndEveryMoveUntilItIsHandedOver() throws Exception {
        UUID orderId = UUID.randomUUID();
        try (SseClient.Following board = SseClient.follow(stream, Tokens.barista())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> startedWithTheBoard(board));

            CloudEvents.post(new OrderPlaced(
                            orderId,
                            "c-board",
                            "Ana",
                            2,
                            "Cappuccino",
                            2,
                            700,
                            "EUR",
                            UUID.randomUUID(),
                            Instant.now()))
                    .then()
                    .statusCode(202);
            JsonNode queued = awaitChange(board, orderId, "QUEUED");
            assertThat(queued.path("customerName").asText(), equalTo("Ana"));
            assertThat(queued.path("item").asText(), equalTo("Cappuccino"));
            assertThat(board.lines(), not(hasItem(containsString("c-board"))));

            String ticket = queued.path("id").asText();
            for (String[] move :
                    List.of(new String[] {"start", "BREWING"}, new String[] {"finish", "READY"}, new String[] {
                        "hand-over", "HANDED_OVER"
                    })) {
                Tokens.as(Tokens.barista())
                        .post("/tickets/" + ticket + "/" + move[0])
                        .then()
                        .statusCode(200);
                awaitChange(board, orderId, move[1]);
            }
        }
        try (SseClient.Following board = SseClient.follow(stream, Tokens.barista())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> startedWithTheBoard(board));
            assertThat("a handed-over drink is not on a new board", ticketsIn(board, orderId), equalTo(List.of()));
        }
    }

    @Test
    void theBoardIsForBaristasOnly() throws Exception {
        assertThat(SseClient.answer(stream, Tokens.customer(RouteMatrix.OWNER)).statusCode(), equalTo(403));
        assertThat(SseClient.answer(stream, Tokens.admin()).statusCode(), equalTo(403));
    }

    private static boolean startedWithTheBoard(SseClient.Following board) {
        return board.lines().stream().anyMatch(line -> line.matches("event: ?board"));
    }

    /** The order's ticket in the status, once a board or change event of the stream has shown it so. */
    private static JsonNode awaitChange(SseClient.Following board, UUID orderId, String status) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> ticketsIn(board, orderId).stream()
                                .filter(ticket -> ticket.path("status").asText().equals(status))
                                .findFirst()
                                .orElse(null),
                        ticket -> ticket != null);
    }

    /** Every version of the order's ticket the stream has sent, in order. */
    private static List<JsonNode> ticketsIn(SseClient.Following board, UUID orderId) throws Exception {
        List<JsonNode> versions = new ArrayList<>();
        for (String line : board.lines()) {
            if (line.startsWith("data:")) {
                for (JsonNode ticket :
                        JSON.readTree(line.substring("data:".length())).path("tickets")) {
                    if (ticket.path("orderId").asText().equals(orderId.toString())) {
                        versions.add(ticket);
                    }
                }
            }
        }
        return versions;
    }
}
