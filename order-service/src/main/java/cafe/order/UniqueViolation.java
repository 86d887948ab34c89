package cafe.order;

import java.sql.SQLException;

/** Recognises PostgreSQL's unique_violation (23505) under whatever wrappers the driver and Hibernate add. */
final class UniqueViolation {

    private UniqueViolation() {}

    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
