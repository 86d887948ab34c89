package cafe.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each service's login opens its own database and no other, so no service can read, LISTEN, NOTIFY or take
 * advisory locks in another's; the stack's own login (the tests', the bench's) opens them all.
 */
class DatabaseLoginsTest {

    @TempDir
    static Path dir;

    private static StackSettings settings;
    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        settings = new StackSettings(dir, Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort());
        postgres = PostgresServer.start(settings);
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void aServicesLoginOpensItsOwnDatabaseAndNoOther() throws SQLException {
        for (String own : StackSettings.DATABASES) {
            String login = StackSettings.dbLogin(own);
            try (Connection connection = connect(own, login);
                    Statement sql = connection.createStatement()) {
                sql.execute("create table owned_by_" + login + " (id int)");
                sql.execute("listen cafe_outbox");
            }
            for (String other : StackSettings.DATABASES) {
                if (!other.equals(own)) {
                    SQLException refused = assertThrows(
                            SQLException.class, () -> connect(other, login).close(), login + " opened " + other);
                    assertEquals("42501", refused.getSQLState(), login + " in " + other + ": " + refused.getMessage());
                }
            }
        }
    }

    @Test
    void theStacksOwnLoginReadsWhatEachServiceWrote() throws SQLException {
        for (String database : StackSettings.DATABASES) {
            try (Connection owner = connect(database, StackSettings.dbLogin(database));
                    Statement sql = owner.createStatement()) {
                sql.execute("create table written (id int)");
                sql.execute("insert into written values (7)");
            }
            try (Connection stack = connect(database, StackSettings.DB_USER);
                    Statement sql = stack.createStatement();
                    ResultSet rows = sql.executeQuery("select id from written")) {
                rows.next();
                assertEquals(7, rows.getInt(1), database);
            }
        }
    }

    private static Connection connect(String database, String login) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(database), login, StackSettings.DB_PASSWORD);
    }
}
