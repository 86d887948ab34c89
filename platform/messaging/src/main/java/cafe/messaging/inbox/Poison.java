package cafe.messaging.inbox;

import cafe.events.UnknownEventException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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
        return causes(failure)
                .anyMatch(cause -> cause instanceof UnknownEventException
                        || cause instanceof ConstraintViolationException
                        || sqlState(cause)
                                .filter(state -> state.startsWith("22") || state.startsWith("23"))
                                .isPresent());
    }

    /**
     * A failure that repeats every time but is not in the data: a statement the database cannot run (see
     * {@link #refusedByTheDatabase}) or a programming error. Retried a bounded number of times, in case a
     * fix is being rolled out, then dead-lettered, instead of holding its partition for good.
     */
    public static boolean isABug(Throwable failure) {
        return !is(failure)
                && (refusedByTheDatabase(failure)
                        || causes(failure)
                                .anyMatch(
                                        cause -> PROGRAMMING_ERRORS.stream().anyMatch(type -> type.isInstance(cause))));
    }

    /**
     * True when the database answered and refused, for a reason that is not about its state at the moment:
     * poison, but also a statement it cannot run (class 42) or any other error that is not a lost
     * connection (08), a rolled-back transaction (40), a shortage (53), an operator's or a timeout's
     * cancel (57), a lock not granted in time (55P03) or a system error (58, XX).
     */
    public static boolean refusedByTheDatabase(Throwable failure) {
        return is(failure)
                || causes(failure)
                        .map(Poison::sqlState)
                        .flatMap(Optional::stream)
                        .findFirst()
                        .filter(state -> !state.equals("55P03") && !PASSING_CLASSES.contains(state.substring(0, 2)))
                        .isPresent();
    }

    /** The failure and its causes, outermost first. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(
                failure, cause -> cause != null, cause -> cause.getCause() == cause ? null : cause.getCause());
    }

    private static Optional<String> sqlState(Throwable cause) {
        return cause instanceof PgException pg ? Optional.ofNullable(pg.getSqlState()) : Optional.empty();
    }
}
