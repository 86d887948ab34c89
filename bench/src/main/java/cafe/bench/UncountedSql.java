package cafe.bench;

import cafe.stack.StackSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The bench's own reads of the services' databases, kept out of the cost figures: they run as the
 * superuser (pg_stat_statements is counted for the services' role only) and each is rolled back (so it
 * adds to xact_rollback, not to the xact_commit counted), on one connection per database opened up front.
 * The only writes, {@link #commit}, happen after the measured steps.
 */
final class UncountedSql implements AutoCloseable {

    /**
     * How a query names a list of ids, passed as one text parameter ({@code {id,id,...}}): the list is parsed
     * once in a subquery. Written as {@code = any(?::uuid[])}, PostgreSQL parses the whole list again for
     * every row it scans (the text-to-array cast is not folded), and cannot use an index: 10 s instead of
     * 10 ms for 2,000 ids against 6,000 tickets.
     */
    static final String IN_IDS = " in (select unnest(?::uuid[]))";

    private final StackSettings stack;
    private final Map<String, Connection> connections = new HashMap<>();

    UncountedSql(StackSettings stack) {
        this.stack = stack;
    }

    /** The single number a query such as {@code select count(*) ...} returns. */
    long number(String database, String sql, Object... params) {
        return query(database, sql, params, result -> {
            result.next();
            return result.getLong(1);
        });
    }

    /** A two-column query as a map from the first column (as text) to the second (a number). */
    Map<String, Long> numbersByKey(String database, String sql, Object... params) {
        return query(database, sql, params, result -> {
            Map<String, Long> rows = new HashMap<>();
            while (result.next()) {
                rows.put(result.getString(1), result.getLong(2));
            }
            return rows;
        });
    }

    /**
     * Runs a statement and commits it: for rows the bench gives the services (outside the measured steps,
     * so its commit is in no step's figures).
     */
    synchronized void commit(String database, String sql, Object... params) {
        Connection connection = connection(database);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollback(connection);
            throw new IllegalStateException("Statement failed on " + database + ": " + sql, e);
        }
    }

    private interface Rows<T> {
        T read(ResultSet result) throws SQLException;
    }

    private synchronized <T> T query(String database, String sql, Object[] params, Rows<T> rows) {
        Connection connection = connection(database);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return rows.read(result);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + database + ": " + sql, e);
        } finally {
            rollback(connection);
        }
    }

    private Connection connection(String database) {
        return connections.computeIfAbsent(database, db -> {
            try {
                Connection connection = DriverManager.getConnection(stack.jdbcUrl(db), PostgresCounters.SUPERUSER, "");
                connection.setAutoCommit(false);
                return connection;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot connect to " + db + " as " + PostgresCounters.SUPERUSER, e);
            }
        });
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("Rollback failed", e);
        }
    }

    /** Opens the connections now, so that no connection start falls into a measured step. */
    void open(Iterable<String> databases) {
        databases.forEach(this::connection);
    }

    @Override
    public synchronized void close() {
        connections.values().forEach(connection -> {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing at exit: nothing left to do with it
            }
        });
    }
}
