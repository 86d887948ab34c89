package cafe.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** A real PostgreSQL server from the zonky embedded binaries, with one database per service. */
final class PostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static PostgresServer start(StackSettings settings) {
        Path dataDir = settings.dir().resolve("postgres");
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(settings.postgresPort())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                            settings.dir().resolve("postgres.log").toFile()))
                    .start();
            PostgresServer server = new PostgresServer(postgres);
            server.createDatabases();
            return server;
        } catch (IOException | SQLException e) {
            throw new StackException(
                    "PostgreSQL did not start: " + e.getMessage() + " (see "
                            + settings.dir().resolve("postgres.log") + ")",
                    e);
        }
    }

    /** The postmaster's pid as PostgreSQL records it, so a later run can find a leftover server. */
    static Optional<Long> recordedPid(StackSettings settings) {
        Path pidFile = settings.dir().resolve("postgres").resolve("postmaster.pid");
        try {
            return Files.exists(pidFile)
                    ? Optional.of(
                            Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void createDatabases() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE ROLE " + StackSettings.DB_USER + " LOGIN PASSWORD '" + StackSettings.DB_PASSWORD + "'");
            for (String database : StackSettings.DATABASES) {
                sql.execute("CREATE DATABASE " + database + " OWNER " + StackSettings.DB_USER);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
