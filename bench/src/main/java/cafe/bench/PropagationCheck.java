package cafe.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Follows a step's placed orders downstream: until the barista and the view have each, and then until each
 * is brewed and READY in order-service and the view, so that a step's cost window holds its orders' whole
 * life. Its reads are {@link UncountedSql}: they do not count in the cost figures.
 */
final class PropagationCheck {

    private static final Duration TO_VIEW = Duration.ofSeconds(60);
    private static final Duration TO_READY = Duration.ofSeconds(90);
    private static final String PLACED = " and event_type = 'cafe.order.placed'";
    private static final String COFFEE_READY = " and event_type = 'cafe.barista.coffee-ready'";

    private final UncountedSql sql;

    PropagationCheck(UncountedSql sql) {
        this.sql = sql;
    }

    Report.Propagation follow(OpenLoad.Result result) throws InterruptedException {
        List<String> ids = List.copyOf(result.placedAtMillis().keySet());
        if (ids.isEmpty()) {
            return new Report.Propagation(0, 0, 0, 0, -1, -1);
        }
        String array = "{" + String.join(",", ids) + "}";
        long placed = ids.size();
        long tickets = awaitAll(placed, TO_VIEW, () -> count("barista", "ticket", "order_id", array, ""));
        long views = awaitAll(placed, TO_VIEW, () -> count("status", "status_event", "order_id", array, PLACED));
        long ready = awaitAll(
                placed,
                TO_READY,
                () -> Math.min(
                        count("status", "status_event", "order_id", array, COFFEE_READY),
                        count("orders", "customer_order", "id", array, " and status = 'READY'")));
        // what lagged past its wait but arrived while the orders became READY counts as arrived, late
        tickets = tickets < placed ? count("barista", "ticket", "order_id", array, "") : tickets;
        views = views < placed ? count("status", "status_event", "order_id", array, PLACED) : views;
        List<Long> lags = viewLags(result, array);
        return lags.isEmpty()
                ? new Report.Propagation(placed, tickets, views, ready, -1, -1)
                : new Report.Propagation(
                        placed,
                        tickets,
                        views,
                        ready,
                        lags.get(lags.size() / 2),
                        lags.get((int) Math.ceil(lags.size() * 0.99) - 1));
    }

    private long count(String database, String table, String idColumn, String array, String condition) {
        return sql.number(
                database,
                "select count(*) from " + table + " where " + idColumn + UncountedSql.IN_IDS + condition,
                array);
    }

    /** Polls until the count reaches {@code expected} or the time is up; the last count. */
    private static long awaitAll(long expected, Duration timeout, LongSupplier count) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long reached = count.getAsLong();
        while (reached < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            reached = count.getAsLong();
        }
        return reached;
    }

    /** From each order's 201 to its PLACED event in the view, in ms, sorted. */
    private List<Long> viewLags(OpenLoad.Result result, String array) {
        Map<String, Long> seen = sql.numbersByKey(
                "status",
                "select order_id::text, (extract(epoch from received_at) * 1000)::bigint from status_event"
                        + " where order_id" + UncountedSql.IN_IDS + PLACED,
                array);
        List<Long> lags = new ArrayList<>();
        seen.forEach(
                (id, at) -> lags.add(Math.max(0, at - result.placedAtMillis().get(id))));
        lags.sort(Long::compare);
        return lags;
    }
}
