package cafe.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed before it could close (a machine restarted under it) does not keep the next run from starting. */
class LeftoverDataTest {

    @TempDir
    Path dir;

    @Test
    void postgresStartsOverTheDataOfAKilledRun() throws IOException, SQLException {
        StackSettings settings =
                new StackSettings(dir, Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort());
        Path leftover = Files.createDirectories(dir.resolve("postgres")).resolve("of-the-killed-run");
        Files.writeString(leftover, "data\n");

        try (PostgresServer postgres = PostgresServer.start(settings);
                Connection connection = DriverManager.getConnection(
                        settings.jdbcUrl(StackSettings.DATABASES.getFirst()),
                        StackSettings.DB_USER,
                        StackSettings.DB_PASSWORD)) {
            assertTrue(connection.isValid(2));
            assertFalse(Files.exists(leftover));
        }
    }
}
