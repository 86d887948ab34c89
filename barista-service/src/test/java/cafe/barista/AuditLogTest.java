package cafe.barista;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import cafe.testing.LocalStackResource;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every move of a ticket leaves one audit line, whoever asked and whatever the answer; a read leaves none. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class AuditLogTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String line = record.getParameters() == null
                    ? record.getMessage()
                    : String.format(record.getMessage(), record.getParameters());
            lines.add(line);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("cafe.audit").addHandler(recorder);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("cafe.audit").removeHandler(recorder);
    }

    @Test
    void eachMoveSaysWhoDidWhatToWhichTicketAndTheResult() {
        String ticket = PlacedOrders.ticketOf(PlacedOrders.send("c-1", null, "Espresso", 1, 250));
        String unknown = UUID.randomUUID().toString();

        Tokens.as(Tokens.barista()).post("/tickets/" + ticket + "/start").then().statusCode(200);
        Tokens.as(Tokens.barista()).post("/tickets/" + ticket + "/start").then().statusCode(409);
        Tokens.asCustomer("c-nosy")
                .post("/tickets/" + ticket + "/finish")
                .then()
                .statusCode(403);
        RestAssured.given().post("/tickets/" + unknown + "/finish").then().statusCode(401);
        Tokens.as(Tokens.barista()).get("/tickets/" + ticket).then().statusCode(200);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                        lines,
                        hasItems(
                                "audit: who=b-1 action=\"POST /tickets/" + ticket + "/start\" result=200",
                                "audit: who=b-1 action=\"POST /tickets/" + ticket + "/start\" result=409",
                                "audit: who=c-nosy action=\"POST /tickets/" + ticket + "/finish\" result=403",
                                "audit: who=anonymous action=\"POST /tickets/" + unknown + "/finish\" result=401")));
        assertThat(lines, not(hasItem("audit: who=b-1 action=\"GET /tickets/" + ticket + "\" result=200")));
    }
}
