package cafe.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the system did per order placed (201) over one step's window: from the step's start until its
 * orders were READY everywhere (or that wait timed out), so each order's whole life is in it.
 *
 * @param statementsPerOrder statements the services sent (pg_stat_statements calls at top level, BEGIN and
 *     COMMIT included), per database and in total
 * @param nestedStatementsPerOrder statements PostgreSQL ran within others (foreign-key checks, functions), in total
 * @param commitsPerOrder pg_stat_database xact_commit, per database and in total
 * @param kafkaRecordsPerOrder records appended to the cafe topics (their dead-letter topics included)
 * @param offsetCommitsPerOrder records appended to __consumer_offsets: the consumers' offset commits
 * @param cpuMsPerOrder CPU (user + system) per process and in total
 */
record Cost(
        long orders,
        double windowSeconds,
        Map<String, Double> statementsPerOrder,
        double nestedStatementsPerOrder,
        Map<String, Double> commitsPerOrder,
        double kafkaRecordsPerOrder,
        double offsetCommitsPerOrder,
        Map<String, Double> cpuMsPerOrder) {

    static final String POSTGRES = "postgres";
    static final String KAFKA = "kafka";
    static final String LOAD_GENERATOR = "load-generator";
    static final String TOTAL = "total";

    static Cost between(CostMeter.Snapshot before, CostMeter.Snapshot after, long orders) {
        double per = Math.max(orders, 1);
        return new Cost(
                orders,
                round((after.nanos() - before.nanos()) / 1e9),
                perOrder(before.postgres().statements(), after.postgres().statements(), per),
                round((sum(after.postgres().nestedStatements())
                                - sum(before.postgres().nestedStatements()))
                        / per),
                perOrder(before.postgres().commits(), after.postgres().commits(), per),
                round((after.kafkaRecords() - before.kafkaRecords()) / per),
                round((after.offsetCommits() - before.offsetCommits()) / per),
                cpuMsPerOrder(before.cpuSeconds(), after.cpuSeconds(), per));
    }

    /** The figures in one console line; the order of each breakdown is given once by {@link #legend()}. */
    String line() {
        return String.format(
                "cost/order: SQL %.1f (%s)  commits %.1f (%s)  Kafka records %.1f (+%.1f offset commits)  CPU ms %.1f (%s)  over %.0f s",
                statementsPerOrder.get(TOTAL),
                parts(statementsPerOrder),
                commitsPerOrder.get(TOTAL),
                parts(commitsPerOrder),
                kafkaRecordsPerOrder,
                offsetCommitsPerOrder,
                cpuMsPerOrder.get(TOTAL),
                parts(cpuMsPerOrder),
                windowSeconds);
    }

    String legend() {
        return "cost/order: SQL statements and commits as total ("
                + String.join("/", withoutTotal(statementsPerOrder).keySet()) + "); CPU ms as total ("
                + String.join("/", withoutTotal(cpuMsPerOrder).keySet()) + ")";
    }

    private static String parts(Map<String, Double> figures) {
        return withoutTotal(figures).values().stream()
                .map(value -> String.format("%.1f", value))
                .collect(Collectors.joining("/"));
    }

    private static Map<String, Double> withoutTotal(Map<String, Double> figures) {
        Map<String, Double> parts = new LinkedHashMap<>(figures);
        parts.remove(TOTAL);
        return parts;
    }

    private static Map<String, Double> perOrder(Map<String, Long> before, Map<String, Long> after, double orders) {
        Map<String, Double> perOrder = new LinkedHashMap<>();
        after.forEach((name, end) -> perOrder.put(name, round((end - before.getOrDefault(name, 0L)) / orders)));
        perOrder.put(TOTAL, round((sum(after) - sum(before)) / orders));
        return perOrder;
    }

    private static Map<String, Double> cpuMsPerOrder(
            Map<String, Double> before, Map<String, Double> after, double orders) {
        Map<String, Double> perOrder = new LinkedHashMap<>();
        double total = 0;
        for (var entry : after.entrySet()) {
            double ms = (entry.getValue() - before.getOrDefault(entry.getKey(), 0.0)) * 1000 / orders;
            perOrder.put(entry.getKey(), round(ms));
            total += ms;
        }
        perOrder.put(TOTAL, round(total));
        return perOrder;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
