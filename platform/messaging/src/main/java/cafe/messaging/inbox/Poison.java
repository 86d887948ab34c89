package cafe.messaging.inbox;

import cafe.events.UnknownEventException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Set;

/**
 * Tells an event that can never be applied from a failure that will pass. Poison: data that cannot be
 * read as an event of a known type, or that the database refuses as invalid (SQLSTATE class 22, data
 * exception, or 23, integrity constraint violation). Everything else, a lost connection, a restart, a
 * timeout or a deadlock, is worth retrying.
 */
public final class Poison {

    /** SQLSTATE classes of failures that pass: connection, rollback, resources, cancel, system. */
    private static final List<Class<? extends Throwable>> PROGRAMMING_ERRORS = List.of(
            NullPointerException.class,
            ClassCastException.class,
            IllegalArgumentException.class,
            UnsupportedOperationException.class,
            IndexOutOfBoundsException.class,
            ArithmeticException.class);

    private static final Set<String> PASSING_CLASSES = Set.of("08", "40", "53", "57", "58", "XX");

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

    /**
     * True when the database answered and refused, for a reason that is not about its state at the moment:
     * poison, but also a statement it cannot run (class 42) or any other error that is not a lost
     * connection (08), a rolled-back transaction (40), a shortage (53), an operator's or a timeout's
     * cancel (57), a lock not granted in time (55P03) or a system error (58, XX).
     */
    /**
     * A failure that repeats every time but is not in the data: a statement the database cannot run (see
     * {@link #refusedByTheDatabase}) or a programming error. Retried a bounded number of times, in case a
     * fix is being rolled out, then dead-lettered, instead of holding its partition for good.
     */
    public static boolean isABug(Throwable failure) {
        if (is(failure)) {
            return false;
        }
        if (refusedByTheDatabase(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Throwable current = cause;
            if (PROGRAMMING_ERRORS.stream().anyMatch(type -> type.isInstance(current))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    public static boolean refusedByTheDatabase(Throwable failure) {
        if (is(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                return !(state.equals("55P03") || PASSING_CLASSES.contains(state.substring(0, 2)));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
