package cafe.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class OrderResourceTest {

    @Test
    void menuIsPublicAndListsItemsWithPricesInMinorUnits() {
        given().when()
                .get("/menu")
                .then()
                .statusCode(200)
                .body("$", hasSize(6))
                .body("[0].name", equalTo("Espresso"))
                .body("[0].price", equalTo(250))
                .body("[0].currency", equalTo("EUR"));
    }

    @Test
    void paidOrderIsPlacedAndItsPlacedEventTravelsOverKafka() {
        String customer = "c-" + UUID.randomUUID();
        String id = Tokens.asCustomer(customer)
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"menuId\":2,\"qty\":3}")
                .when()
                .post("/orders")
                .then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("status", equalTo("PLACED"))
                .body("amount", equalTo(1050))
                .body("item", equalTo("Cappuccino"))
                .extract()
                .path("id");

        Tokens.asCustomer(customer)
                .when()
                .get("/orders/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("PLACED"));
        Tokens.asCustomer(customer)
                .queryParam("customerId", customer)
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("$", hasSize(1));

        ConsumerRecord<String, String> event =
                KafkaEvents.awaitEvent(Topics.ORDERS, id, "cafe.order.placed", Duration.ofSeconds(20));
        assertThat(KafkaEvents.header(event, "ce_specversion"), equalTo("1.0"));
        assertThat(KafkaEvents.header(event, "ce_source"), equalTo("/order-service"));
        assertThat(event.value(), containsString("\"amount\":1050"));
    }

    @Test
    void cancelledOrderPublishesItsCancellation() {
        String id = Tokens.asCustomer("c-cancel")
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"c-cancel\",\"menuId\":1,\"qty\":1}")
                .when()
                .post("/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Tokens.asCustomer("c-cancel")
                .when()
                .post("/orders/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELED"));

        ConsumerRecord<String, String> event =
                KafkaEvents.awaitEvent(Topics.ORDERS, id, "cafe.order.canceled", Duration.ofSeconds(20));
        assertThat(event.value(), containsString("\"customerId\":\"c-cancel\""));
    }

    @Test
    void unknownOrderIsA404Problem() {
        Tokens.asCustomer("c-unknown")
                .when()
                .get("/orders/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
