package cafe.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real PostgreSQL server from the zonky embedded binaries, with one database and one login per service. */
final class PostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static PostgresServer start(StackSettings settings) {
        Path dataDir = settings.dir().resolve("postgres");
        try {
            // a run that was killed before it closed leaves its data, and initdb refuses a folder that is not empty
            Folders.delete(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(settings.postgresPort())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    // `make bench` counts statements per order; `all` counts foreign-key checks too
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "all")
                    .setServerConfig("pg_stat_statements.max", "10000")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                            settings.dir().resolve("postgres.log").toFile()))
                    .start();
            PostgresServer server = new PostgresServer(postgres, dataDir);
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
        return recordedPid(settings.dir().resolve("postgres"));
    }

    private static Optional<Long> recordedPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            return Files.exists(pidFile)
                    ? Optional.of(
                            Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the server with a fast shutdown (SIGINT: every session is cut), keeps it down for a while, and
     * starts it again on the same data and port with the options it last ran with (postmaster.opts), the
     * way the embedded library starts it: through pg_ctl, in a user namespace of its own when this runs as
     * root (PostgreSQL refuses root).
     */
    void restart(Duration down) {
        try {
            List<String> opts = arguments(Files.readString(dataDir.resolve("postmaster.opts")));
            Path pgCtl = Path.of(opts.get(0)).resolveSibling("pg_ctl");
            long pid = recordedPid(dataDir).orElseThrow(() -> new IOException("no postmaster.pid"));
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
            ProcessHandle.of(pid).ifPresent(server -> server.onExit().join());
            Thread.sleep(down.toMillis());
            List<String> start = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                start.addAll(List.of("unshare", "-U"));
            }
            start.addAll(List.of(
                    pgCtl.toString(),
                    "-D",
                    dataDir.toString(),
                    "-o",
                    serverOptions(opts),
                    "-w",
                    "-l",
                    dataDir.resolveSibling("postgres.log").toString(),
                    "start"));
            Process pgCtlStart =
                    new ProcessBuilder(start).redirectErrorStream(true).start();
            String output = new String(pgCtlStart.getInputStream().readAllBytes());
            if (pgCtlStart.waitFor() != 0) {
                throw new IOException("pg_ctl start failed: " + output);
            }
            awaitConnections();
        } catch (IOException e) {
            throw new StackException("PostgreSQL could not be restarted: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while PostgreSQL was down", e);
        }
    }

    /** postmaster.opts: the server binary, then each argument in double quotes. */
    private static List<String> arguments(String opts) {
        List<String> arguments = new ArrayList<>();
        arguments.add(opts.substring(0, opts.indexOf(' ')));
        Matcher argument = Pattern.compile("\"([^\"]*)\"").matcher(opts);
        while (argument.find()) {
            arguments.add(argument.group(1));
        }
        return arguments;
    }

    /** The server's arguments but the data directory (pg_ctl gives it), quoted for the shell pg_ctl uses. */
    private static String serverOptions(List<String> arguments) {
        List<String> options = new ArrayList<>();
        for (int i = 1; i < arguments.size(); i++) {
            if (arguments.get(i).equals("-D")) {
                i++;
            } else {
                options.add("'" + arguments.get(i).replace("'", "'\\''") + "'");
            }
        }
        return String.join(" ", options);
    }

    private void awaitConnections() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                return;
            } catch (SQLException starting) {
                Thread.sleep(100);
            }
        }
        throw new IOException("PostgreSQL did not accept connections within 30 s of its restart");
    }

    private void createDatabases() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            sql.execute("CREATE ROLE " + StackSettings.DB_USER + " LOGIN PASSWORD '" + StackSettings.DB_PASSWORD + "'");
            for (String database : StackSettings.DATABASES) {
                String login = StackSettings.dbLogin(database);
                sql.execute("CREATE ROLE " + login + " LOGIN PASSWORD '" + StackSettings.DB_PASSWORD + "'");
                sql.execute("CREATE DATABASE " + database + " OWNER " + login);
                // PostgreSQL lets every login connect to a new database (and so LISTEN, NOTIFY and take
                // advisory locks there); only its owner may, as deploy/platform/postgres.yaml does
                sql.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
                sql.execute("GRANT " + login + " TO " + StackSettings.DB_USER);
            }
        }
    }

    @Override
    public void close() throws IOException {
        // a restarted server too: the library stops whatever server its data directory holds
        postgres.close();
    }
}
