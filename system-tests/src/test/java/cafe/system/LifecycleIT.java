package cafe.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The four packaged services on the real stack: an order from the menu to the cup, or to a refund. */
class LifecycleIT {

    private final RunningSystem system = RunningSystem.shared();
    private final Cafe cafe = new Cafe(system);

    @Test
    void paidOrderIsBrewedAndReadyAndTheViewFollowsEveryStep() {
        given().when()
                .get(system.url("order-service") + "/menu")
                .then()
                .statusCode(200)
                .body("$", not(empty()));
        String orderId = cafe.order("c-life", 1, 2)
                .then()
                .statusCode(201)
                .body("status", equalTo("PLACED"))
                .body("amount", equalTo(500))
                .extract()
                .path("id");

        Object ticket = cafe.awaitTicket(orderId).get("id");
        assertThat(cafe.ticket(orderId).get("status"), equalTo("QUEUED"));
        cafe.awaitView(orderId, "PLACED", "PAID");

        cafe.startBrewing(ticket).then().statusCode(200);
        cafe.awaitOrderStatus(orderId, "BREWING");
        cafe.awaitView(orderId, "BREWING", "PAID");

        cafe.finish(ticket).then().statusCode(200);
        cafe.awaitOrderStatus(orderId, "READY");
        cafe.awaitView(orderId, "READY", "PAID");
        cafe.view(orderId).then().body("timeline", hasSize(3)).body("item", equalTo("Espresso"));
        cafe.cancel(orderId).then().statusCode(409).contentType("application/problem+json");
        assertThat(cafe.paymentStatus(orderId), equalTo("APPROVED"));
    }

    @Test
    void cancelWhileQueuedStopsTheTicketAndRefunds() {
        String orderId = cafe.placeOrder("c-cancel-queued");
        cafe.awaitTicket(orderId);

        cafe.cancel(orderId).then().statusCode(202).body("status", equalTo("CANCEL_REQUESTED"));

        assertCancelledAndRefunded(orderId);
    }

    @Test
    void cancelWhileBrewingStopsTheTicketAndRefunds() {
        String orderId = cafe.placeOrder("c-cancel-brewing");
        cafe.startBrewing(cafe.awaitTicket(orderId).get("id")).then().statusCode(200);
        cafe.awaitOrderStatus(orderId, "BREWING");

        cafe.cancel(orderId).then().statusCode(202);

        assertCancelledAndRefunded(orderId);
    }

    @Test
    void cancelBeforeTheBaristaHasTheTicketStillCancelsIt() {
        String orderId = cafe.placeOrder("c-cancel-early");

        cafe.cancel(orderId).then().statusCode(202);

        assertCancelledAndRefunded(orderId);
    }

    @Test
    void cancelRacingFinishEitherWinsWholeOrLosesWhole() {
        String orderId = cafe.placeOrder("c-race");
        Object ticket = cafe.awaitTicket(orderId).get("id");
        cafe.startBrewing(ticket).then().statusCode(200);
        cafe.awaitOrderStatus(orderId, "BREWING");

        CompletableFuture<Integer> finish =
                CompletableFuture.supplyAsync(() -> cafe.finish(ticket).statusCode());
        int cancel = cafe.cancel(orderId).statusCode();
        int finished = finish.join();

        if (finished == 200) {
            assertThat(cancel, anyOf(equalTo(202), equalTo(409)));
            assertReadyAndPaid(orderId);
        } else {
            assertThat(finished, equalTo(409));
            assertThat(cancel, equalTo(202));
            assertCancelledAndRefunded(orderId);
        }
    }

    /**
     * The barista finished the drink, and the customer cancels before order-service has heard of it: the
     * barista refuses, so the order is READY and paid everywhere, never refunded.
     */
    @Test
    void aCancelThatReachesAFinishedDrinkLeavesItReadyAndPaid() {
        String orderId = cafe.placeOrder("c-too-late");
        Object ticket = cafe.awaitTicket(orderId).get("id");
        cafe.startBrewing(ticket).then().statusCode(200);
        cafe.finish(ticket).then().statusCode(200);

        assertThat(cafe.cancel(orderId).statusCode(), anyOf(equalTo(202), equalTo(409)));

        assertReadyAndPaid(orderId);
    }

    private void assertReadyAndPaid(String orderId) {
        cafe.awaitOrderStatus(orderId, "READY");
        cafe.awaitView(orderId, "READY", "PAID");
        assertThat(cafe.ticket(orderId).get("status"), equalTo("READY"));
        assertThat(cafe.paymentStatus(orderId), equalTo("APPROVED"));
        cafe.cancel(orderId).then().statusCode(409).contentType("application/problem+json");
    }

    private void assertCancelledAndRefunded(String orderId) {
        await().atMost(Cafe.EVENTUALLY)
                .until(() -> cafe.ticket(orderId) != null
                        && "CANCELED".equals(cafe.ticket(orderId).get("status")));
        await().atMost(Cafe.EVENTUALLY).until(() -> cafe.paymentStatus(orderId), "REFUNDED"::equals);
        cafe.awaitView(orderId, "CANCELED", "REFUNDED");
        assertThat(cafe.orderStatus(orderId), equalTo("CANCELED"));
        List<String> events = cafe.view(orderId).path("timeline.event");
        assertThat(events.stream().filter("cafe.payment.refunded"::equals).count(), equalTo(1L));
    }
}
