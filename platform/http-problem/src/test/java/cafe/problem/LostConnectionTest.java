package cafe.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** A database going away is worth a retry (503); the database refusing a statement is not. */
class LostConnectionTest {

    @Test
    void aServerShuttingDownOrAResetConnectionIsALostConnection() {
        assertTrue(LostConnection.in(new PgException("the database system is shutting down", "FATAL", "57P03", null)));
        assertTrue(LostConnection.in(new PgException("terminating connection", "FATAL", "57P01", null)));
        assertTrue(LostConnection.in(new IllegalStateException(new SocketException("Connection reset"))));
    }

    @Test
    void aStatementTheDatabaseRefusesIsNot() {
        assertFalse(LostConnection.in(new PgException("duplicate key value", "ERROR", "23505", null)));
        assertFalse(LostConnection.in(new PgException("syntax error", "ERROR", "42601", null)));
    }
}
