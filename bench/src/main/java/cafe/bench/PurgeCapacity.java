package cafe.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast the purges delete, on the running services after the load steps: each outbox and inbox table
 * the services write into is given rows already past the retention, and the services' own scheduled purges
 * delete them. The rate is taken from the first batch seen gone to the last row gone, so it is what a purge
 * run sustains.
 */
final class PurgeCapacity {

    private static final String EXPIRED = "bench.expired";
    private static final Map<String, String> SEED = Map.of(
            "outbox_event",
            "insert into outbox_event"
                    + " (event_id, event_type, topic, aggregate_id, source, payload, created_at, published_at)"
                    + " select gen_random_uuid(), '" + EXPIRED + "', 'bench', 'bench', 'bench', '{}',"
                    + " now() - interval '1 day', now() - interval '1 day' from generate_series(1, ?)",
            "processed_event",
            "insert into processed_event (event_id, event_type, processed_at)" + " select gen_random_uuid(), '"
                    + EXPIRED + "', now() - interval '1 day' from generate_series(1, ?)");
    private static final Duration POLL = Duration.ofMillis(50);

    /** Rows a purge deleted and how long it took; {@code seconds} is 0 when it was not seen to finish. */
    record Rate(long rows, double seconds) {

        double perSecond() {
            return seconds > 0 ? Math.round(rows / seconds) : 0;
        }
    }

    private PurgeCapacity() {}

    /** Per {@code database.table} of {@code tables}: the rate its purge deleted {@code rows} expired rows at. */
    static Map<String, Rate> measure(UncountedSql sql, List<String> tables, int rows, Duration atMost)
            throws InterruptedException {
        tables.forEach(table -> sql.commit(database(table), SEED.get(name(table)), rows));
        Map<String, long[]> firstSeen = new LinkedHashMap<>(); // database.table → {nanos, rows left}
        Map<String, Rate> rates = new LinkedHashMap<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (rates.size() < tables.size() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            for (String table : tables) {
                if (rates.containsKey(table)) {
                    continue;
                }
                long left = sql.number(
                        database(table), "select count(*) from " + name(table) + " where event_type = ?", EXPIRED);
                long now = System.nanoTime();
                if (left < rows) {
                    firstSeen.putIfAbsent(table, new long[] {now, left});
                }
                if (left == 0) {
                    long[] first = firstSeen.get(table);
                    rates.put(table, new Rate(first[1], (now - first[0]) / 1e9));
                }
            }
        }
        tables.forEach(table -> rates.putIfAbsent(table, new Rate(rows, 0)));
        return rates;
    }

    private static String database(String table) {
        return table.substring(0, table.indexOf('.'));
    }

    private static String name(String table) {
        return table.substring(table.indexOf('.') + 1);
    }
}
