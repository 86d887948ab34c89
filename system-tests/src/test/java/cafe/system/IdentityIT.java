package cafe.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import cafe.stack.CafeService;
import cafe.stack.LocalKeycloak;
import cafe.stack.LocalStack;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Real tokens of the stack's Keycloak through the whole chain: the customer is the token's subject,
 * order-service pays with a service token of its own, the barista works without knowing who ordered,
 * and nobody else reaches a customer's order or payment's API.
 */
class IdentityIT {

    private static final String OWNER = "c-identity-owner";
    private static final String OTHER = "c-identity-other";

    private final RunningSystem system = RunningSystem.shared();
    private final Cafe cafe = new Cafe(system);

    @Test
    void anOrderIsTheOwnersOnlyFromPaymentToTheCupAndTheBaristaNeverLearnsWhoOrdered() {
        String orders = system.url("order-service") + "/orders";
        // 201 means paid: order-service got a service token by client credentials and payment accepted it
        String orderId = Cafe.asCustomer(OWNER)
                .contentType(ContentType.JSON)
                .body("{\"menuId\":1,\"qty\":1}")
                .when()
                .post(orders)
                .then()
                .statusCode(201)
                .body("customerId", equalTo(OWNER))
                .extract()
                .path("id");

        cafe.readOrderAs(OTHER, orderId).then().statusCode(404);
        cafe.cancelAs(OTHER, orderId).then().statusCode(404);
        Cafe.asCustomer(OTHER)
                .contentType(ContentType.JSON)
                .body("{\"status\":\"OrderCanceled\"}")
                .when()
                .patch(orders + "/" + orderId)
                .then()
                .statusCode(404);
        List<String> othersOrders = Cafe.asCustomer(OTHER)
                .when()
                .get(orders)
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        assertThat(othersOrders, not(hasItem(orderId)));
        cafe.readOrderAs(OWNER, orderId).then().statusCode(200).body("status", equalTo("PLACED"));

        Map<String, Object> ticket = cafe.awaitTicket(orderId);
        assertThat(ticket, not(hasKey("customerId")));
        cafe.startBrewing(ticket.get("id")).then().statusCode(200);
        cafe.finish(ticket.get("id")).then().statusCode(200);

        awaitOwnersView(orderId, "READY", "PAID");
        cafe.viewAs(OTHER, orderId).then().statusCode(404);
        Cafe.asAdmin()
                .when()
                .get(system.url("status-service") + "/order-status/" + orderId)
                .then()
                .statusCode(200)
                .body("customerId", equalTo(OWNER));
    }

    @Test
    void paymentRefusesACustomersTokenAndChargesNothing() {
        String orderId = UUID.randomUUID().toString();
        String charge = "{\"orderId\":\"" + orderId + "\",\"amount\":100,\"currency\":\"EUR\"}";
        String payments = system.url("payment-service") + "/payments";

        Cafe.asCustomer(OWNER)
                .contentType(ContentType.JSON)
                .body(charge)
                .when()
                .post(payments)
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(charge)
                .when()
                .post(payments)
                .then()
                .statusCode(401);

        List<Object> recorded = Cafe.asService()
                .queryParam("orderId", orderId)
                .when()
                .get(payments)
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertThat(recorded, empty());
    }

    @Test
    void keycloaksOwnTokensAreTakenForTheirAudienceAndRolesOnly() {
        String orders = system.url("order-service") + "/orders";
        LocalKeycloak keycloak = LocalStack.shared().settings().keycloak();
        // the same user's token from the realm's own admin-cli client: Keycloak's, but not for the audience cafe
        keycloak.token("c-identity-no-audience", "customer");
        String noAudience = given().formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", "c-identity-no-audience")
                .formParam("password", LocalKeycloak.PASSWORD)
                .when()
                .post(keycloak.tokenUrl())
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");

        given().auth().oauth2(noAudience).when().get(orders).then().statusCode(401);
        Cafe.asBarista()
                .contentType(ContentType.JSON)
                .body("{\"menuId\":1,\"qty\":1}")
                .when()
                .post(orders)
                .then()
                .statusCode(403);
    }

    @Test
    void eventsOverHttpAreNotServedInTheProdProfileEvenToAService() {
        for (String service : CafeService.NAMES) {
            assertThat(
                    service + " POST /events",
                    Cafe.asService()
                            .contentType(ContentType.JSON)
                            .body("{}")
                            .when()
                            .post(system.url(service) + "/events")
                            .statusCode(),
                    equalTo(404));
        }
    }

    private void awaitOwnersView(String orderId, String status, String paymentState) {
        await().atMost(Cafe.EVENTUALLY).until(() -> {
            Response view = cafe.viewAs(OWNER, orderId);
            return view.statusCode() == 200
                    && status.equals(view.path("status"))
                    && paymentState.equals(view.path("paymentState"));
        });
    }
}
