package cafe.status.repository;

import cafe.messaging.DedicatedConnections;
import io.vertx.mutiny.pgclient.PgConnection;
import java.time.Duration;
import java.util.Optional;

/**
 * Lets one rebuild run at a time, across replicas: a session advisory lock, held on a connection of
 * its own for as long as the rebuild runs. PostgreSQL releases it when that connection ends, however
 * the rebuild ends (the process dying included). Blocking: for the rebuild's worker thread.
 */
public final class RebuildLock implements AutoCloseable {

    private static final String KEY = "hashtextextended('cafe.status.view-rebuild', 0)";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PgConnection connection;

    private RebuildLock(PgConnection connection) {
        this.connection = connection;
    }

    /** The lock, or empty while another rebuild holds it. */
    public static Optional<RebuildLock> tryTake(DedicatedConnections connections) {
        PgConnection connection = connections.open().await().atMost(TIMEOUT);
        try {
            if (run(connection, "select pg_try_advisory_lock(" + KEY + ")")) {
                return Optional.of(new RebuildLock(connection));
            }
        } catch (RuntimeException e) {
            connection.closeAndForget();
            throw e;
        }
        connection.closeAndAwait();
        return Optional.empty();
    }

    /** Unlocks before closing, so the next rebuild never finds the lock still held by a closing connection. */
    @Override
    public void close() {
        try {
            run(connection, "select pg_advisory_unlock(" + KEY + ")");
        } finally {
            connection.closeAndForget();
        }
    }

    private static boolean run(PgConnection connection, String sql) {
        return connection
                .query(sql)
                .execute()
                .await()
                .atMost(TIMEOUT)
                .iterator()
                .next()
                .getBoolean(0);
    }
}
