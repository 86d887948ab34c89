package cafe.messaging.inbox;

import cafe.events.UnknownEventException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;

/**
 * Tells an event that can never be applied from a failure that will pass. Poison: data that cannot be
 * read as an event of a known type, or that the database refuses as invalid (SQLSTATE class 22, data
 * exception, or 23, integrity constraint violation). Everything else, a lost connection, a restart, a
 * timeout or a deadlock, is worth retrying.
 */
public final class Poison {

    private Poison() {}

    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownEventException || cause instanceof ConstraintViolationException) {
                return true;
            }
            if (cause instanceof PgException pg
                    && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
