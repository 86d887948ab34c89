package cafe.problem;

import io.smallrye.mutiny.CompositeException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells a failure to reach the database (a restart, a failover, a pool closed under the request) from a
 * bug. The first is worth a retry, so the client gets 503 and Retry-After; the second is a 500.
 */
final class LostConnection {

    private static final Set<String> CONNECTION_FAILURES =
            Set.of("io.vertx.sqlclient.ClosedConnectionException", "io.vertx.core.http.HttpClosedException");
    private static final Set<String> POOL_MESSAGES = Set.of("Connection is not active now", "Pool closed");
    /** PostgreSQL going away: connection exceptions (class 08) and shutdowns (57P01-57P03). */
    private static final Pattern SERVER_GOING_AWAY = Pattern.compile(".*\\((08...|57P0[123])\\)$");

    private LostConnection() {}

    static boolean in(Throwable failure) {
        Deque<Throwable> toSee = new ArrayDeque<>();
        toSee.push(failure);
        int seen = 0;
        while (!toSee.isEmpty() && seen++ < 20) {
            Throwable cause = toSee.pop();
            if (cause instanceof ConnectException
                    || cause instanceof SocketException
                    || CONNECTION_FAILURES.contains(cause.getClass().getName())
                    || (cause.getClass().getName().equals("io.vertx.pgclient.PgException")
                            && cause.getMessage() != null
                            && SERVER_GOING_AWAY.matcher(cause.getMessage()).matches())
                    || (cause.getMessage() != null
                            && POOL_MESSAGES.stream().anyMatch(cause.getMessage()::startsWith))) {
                return true;
            }
            if (cause instanceof CompositeException composite) {
                composite.getCauses().forEach(toSee::push);
            } else if (cause.getCause() != null && cause.getCause() != cause) {
                toSee.push(cause.getCause());
            }
        }
        return false;
    }
}
