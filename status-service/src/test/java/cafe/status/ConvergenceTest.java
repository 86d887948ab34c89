package cafe.status;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The view converges: for every history an order can have, every permutation of its events, each
 * also delivered with random duplicates, folds into the same document as the history in its own order.
 * Exhaustive over permutations (up to 6! = 720 per history), not sampled.
 */
class ConvergenceTest {

    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID TICKET = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    static Stream<List<CafeEvent>> histories() {
        OrderPlaced placed = new OrderPlaced(ORDER, "c-1", 2, "Cappuccino", 2, 700, "EUR", UUID.randomUUID(), T0);
        BrewStarted started = new BrewStarted(ORDER, TICKET, T0.plusSeconds(5));
        CoffeeReady ready = new CoffeeReady(ORDER, TICKET, T0.plusSeconds(60));
        OrderCancelRequested asked = new OrderCancelRequested(ORDER, "c-1", T0.plusSeconds(50));
        BrewCanceled dropped = new BrewCanceled(ORDER, TICKET, T0.plusSeconds(51));
        OrderCanceled canceled = new OrderCanceled(ORDER, "c-1", placed.paymentId(), T0.plusSeconds(52));
        PaymentRefunded refunded = new PaymentRefunded(ORDER, placed.paymentId(), 700, "EUR", T0.plusSeconds(53));
        CancelRefused refused = new CancelRefused(ORDER, TICKET, T0.plusSeconds(61));
        return Stream.of(
                List.of(placed),
                List.of(placed, started, ready),
                List.of(placed, asked),
                List.of(placed, asked, dropped, canceled, refunded),
                List.of(placed, started, asked, dropped, canceled, refunded),
                List.of(placed, started, asked, ready, refused));
    }

    @Test
    void aCancelTheBaristaRefusedLeavesTheOrderReadyAndPaidAndAnAcceptedOneRefundsIt() {
        List<List<CafeEvent>> all = histories().toList();
        OrderStatusDocument pending = OrderStatusDocument.fold(ORDER, all.get(2));
        OrderStatusDocument accepted = OrderStatusDocument.fold(ORDER, all.get(4));
        OrderStatusDocument refused = OrderStatusDocument.fold(ORDER, all.get(5));
        assertEquals(ViewStatus.CANCEL_REQUESTED, pending.status());
        assertEquals(PaymentState.PAID, pending.paymentState());
        assertEquals(ViewStatus.CANCELED, accepted.status());
        assertEquals(PaymentState.REFUNDED, accepted.paymentState());
        assertEquals(ViewStatus.READY, refused.status());
        assertEquals(PaymentState.PAID, refused.paymentState());
    }

    @ParameterizedTest
    @MethodSource("histories")
    void everyArrivalOrderWithDuplicatesFoldsIntoTheSameDocument(List<CafeEvent> history) {
        OrderStatusDocument expected = OrderStatusDocument.fold(ORDER, history);
        Random random = new Random(history.size());
        for (List<CafeEvent> arrival : permutations(history)) {
            List<CafeEvent> withDuplicates = new ArrayList<>(arrival);
            arrival.stream()
                    .filter(e -> random.nextBoolean())
                    .forEach(e -> withDuplicates.add(random.nextInt(withDuplicates.size() + 1), e));
            assertEquals(expected, foldAsTheViewDoes(withDuplicates), "arrival " + names(withDuplicates));
        }
    }

    /** The view applies each event id once (its inbox), folding after every arrival; the last fold is what stays. */
    private static OrderStatusDocument foldAsTheViewDoes(List<CafeEvent> arrivals) {
        Map<CafeEvent, Boolean> received = new LinkedHashMap<>();
        OrderStatusDocument document = null;
        for (CafeEvent event : arrivals) {
            if (received.putIfAbsent(event, true) == null) {
                document = OrderStatusDocument.fold(ORDER, List.copyOf(received.keySet()));
            }
        }
        return document;
    }

    private static List<List<CafeEvent>> permutations(List<CafeEvent> events) {
        if (events.size() <= 1) {
            return List.of(events);
        }
        List<List<CafeEvent>> all = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            List<CafeEvent> rest = new ArrayList<>(events);
            CafeEvent first = rest.remove(i);
            for (List<CafeEvent> tail : permutations(rest)) {
                List<CafeEvent> permutation = new ArrayList<>(List.of(first));
                permutation.addAll(tail);
                all.add(permutation);
            }
        }
        return all;
    }

    private static List<String> names(List<CafeEvent> events) {
        return events.stream().map(e -> e.type().ceType()).toList();
    }
}
