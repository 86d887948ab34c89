package cafe.bench;

import cafe.stack.CafeService;
import cafe.stack.StackSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's own counters of the services' work, per database: statements from pg_stat_statements and
 * commits from pg_stat_database. Read as the superuser on the postgres database, so that these reads
 * neither run as a service's login (the statements are filtered by them) nor commit in their databases.
 */
final class PostgresCounters implements AutoCloseable {

    static final String SUPERUSER = "postgres";
    static final List<String> DATABASES = CafeService.databases();

    private static final String STATEMENTS = "select d.datname, s.toplevel, sum(s.calls)::bigint"
            + " from pg_stat_statements s"
            + " join pg_database d on d.oid = s.dbid"
            + " join pg_roles r on r.oid = s.userid"
            + " where r.rolname in ('"
            + String.join("', '", DATABASES.stream().map(StackSettings::dbLogin).toList()) + "')"
            + " group by d.datname, s.toplevel";
    private static final String BY_STATEMENT =
            "select d.datname, s.queryid, s.query, s.calls, s.total_exec_time, s.rows"
                    + " from pg_stat_statements s"
                    + " join pg_database d on d.oid = s.dbid"
                    + " where s.toplevel";
    private static final String COMMITS = "select datname, xact_commit from pg_stat_database where datname is not null";

    /** Totals so far: statements sent by the services (top level), those run inside functions, and commits. */
    record Counts(Map<String, Long> statements, Map<String, Long> nestedStatements, Map<String, Long> commits) {}

    private final Connection connection;

    /** Connects, and reads once: a server without pg_stat_statements loaded fails the bench now, not after start-up. */
    PostgresCounters(StackSettings stack) throws SQLException {
        connection = DriverManager.getConnection(stack.jdbcUrl("postgres"), SUPERUSER, "");
        try (Statement sql = connection.createStatement()) {
            sql.execute("create extension if not exists pg_stat_statements");
        }
        read();
    }

    Counts read() throws SQLException {
        Map<String, Long> statements = zeros();
        Map<String, Long> nested = zeros();
        Map<String, Long> commits = zeros();
        try (Statement sql = connection.createStatement()) {
            try (ResultSet rows = sql.executeQuery(STATEMENTS)) {
                while (rows.next()) {
                    add(rows.getBoolean(2) ? statements : nested, rows.getString(1), rows.getLong(3));
                }
            }
            try (ResultSet rows = sql.executeQuery(COMMITS)) {
                while (rows.next()) {
                    add(commits, rows.getString(1), rows.getLong(2));
                }
            }
        }
        return new Counts(statements, nested, commits);
    }

    /** What PostgreSQL has run so far, statement by statement (top level), of every database. */
    Map<Long, StatementTotals> byStatement() throws SQLException {
        Map<Long, StatementTotals> totals = new LinkedHashMap<>();
        try (Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(BY_STATEMENT)) {
            while (rows.next()) {
                totals.merge(
                        rows.getLong(2),
                        new StatementTotals(
                                rows.getString(1),
                                rows.getString(3),
                                rows.getLong(4),
                                rows.getDouble(5),
                                rows.getLong(6)),
                        StatementTotals::plus);
            }
        }
        return totals;
    }

    /** A statement's calls, execution time and rows, summed over its users. */
    record StatementTotals(String database, String text, long calls, double millis, long rows) {

        StatementTotals plus(StatementTotals other) {
            return new StatementTotals(database, text, calls + other.calls, millis + other.millis, rows + other.rows);
        }

        StatementTotals minus(StatementTotals earlier) {
            return earlier == null
                    ? this
                    : new StatementTotals(
                            database, text, calls - earlier.calls, millis - earlier.millis, rows - earlier.rows);
        }
    }

    /** Only the four services' databases count. */
    private static void add(Map<String, Long> counts, String database, long n) {
        counts.computeIfPresent(database, (db, sum) -> sum + n);
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> zeros = new LinkedHashMap<>();
        DATABASES.forEach(db -> zeros.put(db, 0L));
        return zeros;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
