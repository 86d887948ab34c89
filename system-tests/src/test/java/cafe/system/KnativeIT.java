package cafe.system;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import cafe.events.Topics;
import cafe.stack.CafeService;
import cafe.stack.EventingManifest;
import cafe.testing.KafkaEvents;
import cafe.testing.RouteMatrix;
import cafe.testing.Tokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What only the Knative mode has, on the café as `make run-knative` runs it: events reach the services
 * only over HTTP, from the stand-in for KafkaSource; a service away for a while loses nothing and
 * dead-letters nothing it could apply; what it can never apply is dead-lettered to its own topic, listed
 * and replayed; and {@code /events} admits Eventing's identity only.
 */
class KnativeIT {

    private static final Duration OUTAGE = Duration.ofSeconds(10);

    private final RunningSystem system = RunningSystem.shared();
    private final Cafe cafe = new Cafe(system);

    @Test
    void theServicesConsumeNothingFromKafkaAndEveryEventCameOverHttp() {
        long before = system.eventing().delivered();
        String orderId = cafe.placeOrder("c-kn-http");
        cafe.awaitTicket(orderId);
        cafe.awaitView(orderId, "PLACED", "PAID");

        // the ticket (barista), the payment state (status) came from the stand-in: the services' channels are off.
        // The stand-in counts a delivery once the service has answered, which may be after its effect shows
        await().atMost(Cafe.EVENTUALLY).until(() -> system.eventing().delivered() >= before + 3);
    }

    @Test
    void aServiceAwayForTenSecondsLosesNothingAndDeadLettersNothing() throws InterruptedException {
        long deadLettered = system.eventing().deadLettered();
        system.stopService("barista-service");
        List<String> orders = new ArrayList<>();
        IntStream.range(0, 5).forEach(i -> orders.add(cafe.placeOrder("c-kn-away-" + i)));
        Thread.sleep(OUTAGE.toMillis()); // the outage itself: the sources retry all along
        system.startService("barista-service");
        system.awaitReady();

        orders.forEach(cafe::awaitTicket);
        assertThat(system.eventing().deadLettered(), equalTo(deadLettered));
        for (String service : CafeService.NAMES) {
            assertThat(service + " dead letters", pending(service), equalTo(0L));
        }
    }

    @Test
    void anEventNoServiceCanReadIsDeadLetteredToEachConsumersTopicListedAndReplayed() {
        String poisonKey = UUID.randomUUID().toString();
        KafkaEvents.sendUnchecked(
                Topics.ORDERS, poisonKey, UUID.randomUUID().toString(), "cafe.order.placed", "{not json");

        // every service that reads cafe-orders refused it (400) and its source dead-lettered it at once
        for (String service : List.of("barista-service", "payment-service", "status-service")) {
            await().atMost(Cafe.EVENTUALLY)
                    .until(() -> KafkaEvents.readAll(Topics.deadLetterOf(service)).stream()
                            .anyMatch(r -> poisonKey.equals(r.key())));
            await().atMost(Cafe.EVENTUALLY).until(() -> pending(service) >= 1);
        }
        // and one dead-lettered by an outage since fixed, as the sink writes it: replayed, it is applied
        String orderId = Cafe.deadLetteredAtBarista("c-kn-dlq");
        await().atMost(Cafe.EVENTUALLY).until(() -> pending("barista-service") >= 2);

        Cafe.asAdmin()
                .post(system.url("barista-service") + "/ops/barista-service/dead-letters/replay")
                .then()
                .statusCode(200)
                .body("applied", greaterThanOrEqualTo(1))
                .body("parked", greaterThanOrEqualTo(1));
        for (String service : List.of("payment-service", "status-service")) {
            Cafe.asAdmin()
                    .post(system.url(service) + "/ops/" + service + "/dead-letters/replay")
                    .then()
                    .statusCode(200)
                    .body("parked", greaterThanOrEqualTo(1));
        }

        for (String service : List.of("barista-service", "payment-service", "status-service")) {
            assertThat(service + " left to replay", pending(service), equalTo(0L));
        }
        Cafe.asBarista()
                .queryParam("orderId", orderId)
                .get(system.url("barista-service") + "/tickets")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("QUEUED"));
    }

    @Test
    void eventsAdmitOnlyTheEventingIdentityOfTheirOwnSources() {
        List<EventingManifest.Source> sources = EventingManifest.sources(EventingManifest.path());
        for (EventingManifest.Source source : sources) {
            String events = system.url(source.service()) + source.path();
            Map<String, RequestSpecification> intruders = new LinkedHashMap<>();
            intruders.put("no token", RestAssured.given());
            intruders.put("a customer", Cafe.asCustomer("c-kn-intruder"));
            intruders.put("an operator", Cafe.asAdmin());
            intruders.put("a cafe service", Cafe.asService());
            intruders.put(
                    "another service's source",
                    RestAssured.given()
                            .auth()
                            .oauth2(Tokens.eventing(other(sources, source).serviceAccount(), source.audience())));
            intruders.put(
                    "its source, for another service",
                    RestAssured.given()
                            .auth()
                            .oauth2(Tokens.eventing(
                                    source.serviceAccount(),
                                    other(sources, source).audience())));
            intruders.forEach((who, request) -> {
                Response answer = RouteMatrix.refundOfAnUnknownOrder(request, events);
                int expected = who.equals("another service's source") ? 403 : 401;
                assertThat(source.service() + " /events with " + who, answer.statusCode(), equalTo(expected));
                assertThat(answer.contentType(), equalTo("application/problem+json"));
            });
            assertThat(
                    source.service() + " /events from its own source",
                    RouteMatrix.refundOfAnUnknownOrder(
                                    RestAssured.given()
                                            .auth()
                                            .oauth2(Tokens.eventing(source.serviceAccount(), source.audience())),
                                    events)
                            .statusCode(),
                    equalTo(202));
        }
    }

    private static EventingManifest.Source other(
            List<EventingManifest.Source> sources, EventingManifest.Source source) {
        return sources.stream().filter(s -> !s.equals(source)).findFirst().orElseThrow();
    }

    /** What GET /ops/<service>/dead-letters says is left to replay in the service's one dead-letter topic. */
    private long pending(String service) {
        return Cafe.asAdmin()
                .get(system.url(service) + "/ops/" + service + "/dead-letters")
                .then()
                .statusCode(200)
                .body("topic", equalTo(Topics.deadLetterOf(service)))
                .extract()
                .<Number>path("pending")
                .longValue();
    }
}
