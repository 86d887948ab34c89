package cafe.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** For tests: reads a service's database directly, to check what was (or was not) stored. */
public final class Sql {

    private Sql() {
    }

    /** The single number a query such as {@code select count(*) ...} returns. */
    public static long number(String database, String sql, Object... params) {
        try (Connection connection = DriverManager.getConnection(LocalStack.shared().settings().jdbcUrl(database),
                StackSettings.DB_USER, StackSettings.DB_PASSWORD);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + database + ": " + sql, e);
        }
    }

    /** A two-column query as a map from the first column (as text) to the second (a number). */
    public static java.util.Map<String, Long> numbersByKey(String database, String sql, Object... params) {
        try (Connection connection = DriverManager.getConnection(LocalStack.shared().settings().jdbcUrl(database),
                StackSettings.DB_USER, StackSettings.DB_PASSWORD);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            java.util.Map<String, Long> rows = new java.util.HashMap<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + database + ": " + sql, e);
        }
    }

    /** Runs a statement, such as an update that sets up a test case. */
    public static int update(String database, String sql, Object... params) {
        try (Connection connection = DriverManager.getConnection(LocalStack.shared().settings().jdbcUrl(database),
                StackSettings.DB_USER, StackSettings.DB_PASSWORD);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed on " + database + ": " + sql, e);
        }
    }
}
