package cafe.testing;

import cafe.stack.LocalStack;
import cafe.stack.StackSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** For tests: reads a service's database directly, to check what was (or was not) stored. */
public final class Sql {

    private Sql() {}

    /** The single number a query such as {@code select count(*) ...} returns. */
    public static long number(String database, String sql, Object... params) {
        return run(database, sql, params, statement -> {
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        });
    }

    /** The single text a query returns, or null when it finds no row. */
    public static String text(String database, String sql, Object... params) {
        return run(database, sql, params, statement -> {
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        });
    }

    /** A two-column query as a map from the first column (as text) to the second (a number). */
    public static Map<String, Long> numbersByKey(String database, String sql, Object... params) {
        return run(database, sql, params, statement -> {
            Map<String, Long> rows = new HashMap<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
            return rows;
        });
    }

    /** Runs a statement, such as an update that sets up a test case. */
    public static int update(String database, String sql, Object... params) {
        return run(database, sql, params, PreparedStatement::executeUpdate);
    }

    private interface Work<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    /** A connection of the caller's own, for state that lasts as long as a session (a lock it holds, say). */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(
                LocalStack.shared().settings().jdbcUrl(database), StackSettings.DB_USER, StackSettings.DB_PASSWORD);
    }

    private static <T> T run(String database, String sql, Object[] params, Work<T> work) {
        try (Connection connection = connect(database);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return work.on(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + database + ": " + sql, e);
        }
    }
}
