package cafe.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report's cost section: per step, what one order took in statements, commits, Kafka records and CPU. */
final class CostMarkdown {

    private CostMarkdown() {}

    static String of(List<Report.Step> steps) {
        if (steps.isEmpty()) {
            return "";
        }
        Cost first = steps.getFirst().cost();
        StringBuilder md = new StringBuilder("""

                ## Cost per order

                Each step's window runs from its start until its orders were READY in order-service and in the \
                view (or 90 s after the propagation wait), so each order's whole life falls in it, with any \
                background work of those seconds; figures are divided by the orders placed (201) in the step. \
                SQL: `pg_stat_statements` calls of the services' role (`cafe`), top-level statements, BEGIN and \
                COMMIT included, i.e. round trips; *nested* counts those PostgreSQL ran within a statement, such as a foreign-key check \
                (track = all). \
                Commits: `pg_stat_database.xact_commit`. The bench's own reads run as another role and are rolled \
                back, so neither counts. Kafka: growth of the end offsets of the `cafe-*` topics (dead-letter \
                topics included) and, apart, of `__consumer_offsets`. CPU: user + system time from /proc; \
                PostgreSQL is the postmaster and all its processes, ended backends included.

                """);
        md.append(header("offered/s", "orders", "window s"))
                .append(names("SQL ", first.statementsPerOrder()))
                .append("| SQL nested ")
                .append(names("commits ", first.commitsPerOrder()))
                .append("| Kafka records | offset commits |\n")
                .append(separator(3
                        + first.statementsPerOrder().size()
                        + 1
                        + first.commitsPerOrder().size()
                        + 2));
        for (Report.Step step : steps) {
            Cost cost = step.cost();
            md.append(String.format("| %d | %d | %.0f ", step.offeredRate(), cost.orders(), cost.windowSeconds()))
                    .append(values(cost.statementsPerOrder()))
                    .append(String.format("| %.2f ", cost.nestedStatementsPerOrder()))
                    .append(values(cost.commitsPerOrder()))
                    .append(String.format(
                            "| %.2f | %.2f |%n", cost.kafkaRecordsPerOrder(), cost.offsetCommitsPerOrder()));
        }
        md.append("\nCPU ms per order:\n\n")
                .append(header("offered/s"))
                .append(names("", first.cpuMsPerOrder()))
                .append("|\n")
                .append(separator(1 + first.cpuMsPerOrder().size()));
        for (Report.Step step : steps) {
            md.append(String.format("| %d ", step.offeredRate()))
                    .append(values(step.cost().cpuMsPerOrder()))
                    .append("|\n");
        }
        return md.toString();
    }

    private static String header(String... columns) {
        return "| " + String.join(" | ", columns) + " ";
    }

    private static String names(String prefix, Map<String, Double> figures) {
        return figures.keySet().stream().map(name -> "| " + prefix + name + " ").collect(Collectors.joining());
    }

    private static String values(Map<String, Double> figures) {
        return figures.values().stream()
                .map(value -> String.format("| %.2f ", value))
                .collect(Collectors.joining());
    }

    private static String separator(int columns) {
        return "|---".repeat(columns) + "|\n";
    }
}
