package cafe.order;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Orders;
import cafe.testing.Tokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class OrderResourceTest {

    WireMockServer payment;

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
    void theChargeCarriesOrderServicesOwnServiceTokenNeverTheCustomers() {
        String customer = "c-" + UUID.randomUUID();
        String customerToken = Tokens.customer(customer);
        String id = Orders.place(Tokens.as(customerToken), "{\"menuId\":1,\"qty\":1}");

        List<LoggedRequest> charges = payment.findAll(postRequestedFor(urlEqualTo("/payments"))
                .withRequestBody(matchingJsonPath("$.orderId", WireMock.equalTo(id))));
        assertThat(charges, hasSize(1));
        String authorization = charges.get(0).getHeader("Authorization");
        assertThat(authorization, startsWith("Bearer "));
        String token = authorization.substring("Bearer ".length());
        assertThat("the customer's token never reaches payment", token, not(equalTo(customerToken)));
        JsonPath claims = jwtPayload(token);
        assertThat("the client Keycloak gave it to", claims.getString("azp"), equalTo("order-service"));
        assertThat(claims.getList("realm_access.roles", String.class), hasItem("service"));
        assertThat(claims.getList("realm_access.roles", String.class), not(hasItem("customer")));
    }

    @Test
    void aCancelPublishesTheRequestForTheBarista() {
        String id = Orders.place("c-cancel", "{\"customerId\":\"c-cancel\",\"menuId\":1,\"qty\":1}");
        Tokens.asCustomer("c-cancel")
                .when()
                .post("/orders/" + id + "/cancel")
                .then()
                .statusCode(202)
                .body("status", equalTo("CANCEL_REQUESTED"));

        ConsumerRecord<String, String> event =
                KafkaEvents.awaitEvent(Topics.ORDERS, id, "cafe.order.cancel-requested", Duration.ofSeconds(20));
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

    /** The claims of a JWT, unverified: what payment would be shown, not whether it is genuine. */
    private static JsonPath jwtPayload(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat("a JWT is header.payload.signature", parts.length, equalTo(3));
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }
}
