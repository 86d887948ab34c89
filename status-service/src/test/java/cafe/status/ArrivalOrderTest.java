package cafe.status;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cafe.events.BrewCanceled;
import cafe.events.BrewStarted;
import cafe.events.CafeEvent;
import cafe.events.CancelRefused;
import cafe.events.CoffeeReady;
import cafe.events.OrderCancelRequested;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.events.PaymentRefunded;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.testing.LocalStackResource;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The view converges through its real path: the events stored in PostgreSQL, read back and folded, the
 * document upserted. For every history an order can have, every order of arrival (all permutations, up to
 * 6! = 720), one transaction per event as the consumers apply them and the first event delivered again at
 * the end, stores after each arrival the document of exactly the events arrived so far, and in the end the
 * document of the whole history.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ArrivalOrderTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final String CUSTOMER = "c-arrival";
    private static final UUID TICKET = UUID.randomUUID();
    private static final UUID PAYMENT = UUID.randomUUID();

    private static final List<Function<UUID, List<CafeEvent>>> HISTORIES = List.of(
            order -> List.of(placed(order)),
            order -> List.of(placed(order), started(order), ready(order)),
            order -> List.of(placed(order), asked(order)),
            order -> List.of(placed(order), asked(order), dropped(order, null), canceled(order), refunded(order)),
            order -> List.of(
                    placed(order),
                    started(order),
                    asked(order),
                    dropped(order, TICKET),
                    canceled(order),
                    refunded(order)),
            order -> List.of(placed(order), started(order), asked(order), ready(order), refused(order)));

    @Inject
    OrderStatusService statuses;

    @Test
    void aCancelTheBaristaRefusedLeavesTheOrderReadyAndPaidAndAnAcceptedOneRefundsIt() {
        UUID pending = arrive(HISTORIES.get(2), List.of(0, 1));
        UUID accepted = arrive(HISTORIES.get(4), List.of(5, 4, 3, 2, 1, 0));
        UUID refused = arrive(HISTORIES.get(5), List.of(4, 3, 2, 1, 0));
        assertOwnerSees(pending, "CANCEL_REQUESTED", "PAID");
        assertOwnerSees(accepted, "CANCELED", "REFUNDED");
        assertOwnerSees(refused, "READY", "PAID");
    }

    @Test
    void everyArrivalOrderOfEveryHistoryStoresTheDocumentOfTheEventsArrivedSoFar() throws Exception {
        List<Runnable> arrivals = new ArrayList<>();
        for (Function<UUID, List<CafeEvent>> history : HISTORIES) {
            int size = history.apply(UUID.randomUUID()).size();
            for (List<Integer> arrival :
                    permutations(IntStream.range(0, size).boxed().toList())) {
                arrivals.add(() -> arrive(history, arrival));
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture.allOf(arrivals.stream()
                            .map(arrival -> CompletableFuture.runAsync(arrival, threads))
                            .toArray(CompletableFuture[]::new))
                    .get();
        } finally {
            threads.shutdown();
        }
        assertEquals(969, arrivals.size(), "1 + 3! + 2! + 5! + 6! + 5! orders of arrival");
    }

    /**
     * A new order's events of this history arrive in this order, one transaction each, and the first one
     * again at the end (a redelivery: the same event id); after each, the stored document must be the fold of
     * the events arrived so far. Returns the order's id.
     */
    private UUID arrive(Function<UUID, List<CafeEvent>> history, List<Integer> arrival) {
        UUID order = UUID.randomUUID();
        List<CafeEvent> events = history.apply(order);
        List<ReceivedEvent> deliveries = events.stream()
                .map(event -> new ReceivedEvent(UUID.randomUUID(), event.type().ceType(), event))
                .toList();
        List<Integer> withRedelivery = new ArrayList<>(arrival);
        withRedelivery.add(arrival.get(0));
        Set<CafeEvent> arrived = new LinkedHashSet<>();
        for (int next : withRedelivery) {
            arrived.add(events.get(next));
            OrderStatusDocument stored =
                    onVertx(() -> statuses.apply(deliveries.get(next)).chain(() -> statuses.findOrNull(order)));
            assertEquals(
                    OrderStatusDocument.fold(order, List.copyOf(arrived)),
                    stored,
                    "after " + arrived.stream().map(e -> e.type().ceType()).toList());
        }
        assertEquals(OrderStatusDocument.fold(order, events), onVertx(() -> statuses.findOrNull(order)));
        return order;
    }

    private static void assertOwnerSees(UUID order, String status, String paymentState) {
        Tokens.asCustomer(CUSTOMER)
                .get("/order-status/" + order)
                .then()
                .statusCode(200)
                .body("status", equalTo(status))
                .body("paymentState", equalTo(paymentState));
    }

    private static <T> T onVertx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<Integer>> permutations(List<Integer> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<Integer>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<Integer> rest = new ArrayList<>(items);
            Integer first = rest.remove(i);
            for (List<Integer> tail : permutations(rest)) {
                List<Integer> permutation = new ArrayList<>(List.of(first));
                permutation.addAll(tail);
                all.add(permutation);
            }
        }
        return all;
    }

    private static OrderPlaced placed(UUID order) {
        return new OrderPlaced(order, CUSTOMER, null, 2, "Cappuccino", 2, 700, "EUR", PAYMENT, T0);
    }

    private static BrewStarted started(UUID order) {
        return new BrewStarted(order, TICKET, T0.plusSeconds(5));
    }

    private static OrderCancelRequested asked(UUID order) {
        return new OrderCancelRequested(order, CUSTOMER, T0.plusSeconds(50));
    }

    private static BrewCanceled dropped(UUID order, UUID ticket) {
        return new BrewCanceled(order, ticket, T0.plusSeconds(51));
    }

    private static OrderCanceled canceled(UUID order) {
        return new OrderCanceled(order, CUSTOMER, PAYMENT, T0.plusSeconds(52));
    }

    private static PaymentRefunded refunded(UUID order) {
        return new PaymentRefunded(order, PAYMENT, 700, "EUR", T0.plusSeconds(53));
    }

    private static CoffeeReady ready(UUID order) {
        return new CoffeeReady(order, TICKET, T0.plusSeconds(60));
    }

    private static CancelRefused refused(UUID order) {
        return new CancelRefused(order, TICKET, T0.plusSeconds(61));
    }
}
