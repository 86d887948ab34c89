package cafe.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL side of a profile: the statements that took most of the server's execution time between
 * two readings of pg_stat_statements, with their calls and rows (JFR shows the services' side).
 */
final class HeaviestStatements {

    private HeaviestStatements() {}

    static String table(
            Map<Long, PostgresCounters.StatementTotals> before,
            Map<Long, PostgresCounters.StatementTotals> after,
            long orders,
            int most) {
        List<PostgresCounters.StatementTotals> ran = after.entrySet().stream()
                .map(statement -> statement.getValue().minus(before.get(statement.getKey())))
                .filter(statement -> statement.calls() > 0)
                .sorted(Comparator.comparingDouble(PostgresCounters.StatementTotals::millis)
                        .reversed())
                .toList();
        double total = ran.stream()
                .mapToDouble(PostgresCounters.StatementTotals::millis)
                .sum();
        StringBuilder table = new StringBuilder(String.format(
                "PostgreSQL execution time over the steps: %.0f ms in all, %.3f ms per order (%d orders)%n"
                        + "%8s %6s %10s %9s %10s  %-8s %s%n",
                total,
                total / Math.max(1, orders),
                orders,
                "ms",
                "%",
                "calls",
                "ms/call",
                "rows",
                "database",
                "statement"));
        ran.stream()
                .limit(most)
                .forEach(statement -> table.append(String.format(
                        "%8.0f %5.1f%% %10d %9.3f %10d  %-8s %s%n",
                        statement.millis(),
                        100 * statement.millis() / total,
                        statement.calls(),
                        statement.millis() / statement.calls(),
                        statement.rows(),
                        statement.database(),
                        oneLine(statement.text()))));
        return table.toString();
    }

    private static String oneLine(String statement) {
        String line = statement.replaceAll("\\s+", " ");
        return line.length() > 160 ? line.substring(0, 160) + " …" : line;
    }
}
