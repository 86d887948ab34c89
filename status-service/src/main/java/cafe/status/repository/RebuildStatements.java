package cafe.status.repository;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The shadow tables of a rebuild (schema {@code rebuild}) and the swap that puts them in place of the
 * live ones, on the caller's connection and in its transaction. The swap moves whole tables between
 * schemas, so each keeps its indexes and their names.
 */
@ApplicationScoped
public class RebuildStatements {

    private static final String MERGE_LIVE_SINCE =
            "insert into rebuild.status_event (event_id, order_id, event_type, payload, received_at)"
                    + " select event_id, order_id, event_type, payload, received_at from public.status_event"
                    + " where received_at >= $1 on conflict do nothing returning order_id";

    private static final List<String> SWAP = List.of(
            "alter table public.status_event set schema retired",
            "alter table rebuild.status_event set schema public",
            "alter table retired.status_event set schema rebuild",
            "alter table public.order_status set schema retired",
            "alter table rebuild.order_status set schema public",
            "alter table retired.order_status set schema rebuild",
            "truncate rebuild.status_event, rebuild.order_status");

    /** The database's clock, which stamps received_at. */
    public Uni<OffsetDateTime> now(SqlConnection sql) {
        return sql.query("select clock_timestamp()")
                .execute()
                .map(rows -> rows.iterator().next().getOffsetDateTime(0));
    }

    /** Empties the shadow tables, of whatever a rebuild that failed may have left. */
    public Uni<Void> clear(SqlConnection sql) {
        return execute(sql, "truncate rebuild.status_event, rebuild.order_status");
    }

    /**
     * Holds off the live consumers (their inserts and updates wait) while readers go on, until the
     * transaction ends. Taken before anything else in the swap, in the order the consumers take them.
     */
    public Uni<Void> holdLiveWriters(SqlConnection sql) {
        return execute(sql, "lock table public.status_event, public.order_status in exclusive mode");
    }

    /** Copies into the shadow tables the live events received since then; emits the order of each copied. */
    public Uni<List<UUID>> mergeLiveSince(SqlConnection sql, OffsetDateTime since) {
        return sql.preparedQuery(MERGE_LIVE_SINCE).execute(Tuple.of(since)).map(rows -> {
            List<UUID> orders = new ArrayList<>();
            for (Row row : rows) {
                orders.add(row.getUUID(0));
            }
            return orders;
        });
    }

    /** Puts the shadow tables in place of the live ones, and empties the ones they replace. */
    public Uni<Void> swap(SqlConnection sql) {
        return Multi.createFrom()
                .iterable(SWAP)
                .onItem()
                .transformToUniAndConcatenate(statement -> execute(sql, statement))
                .collect()
                .last()
                .replaceWithVoid();
    }

    private static Uni<Void> execute(SqlConnection sql, String statement) {
        return sql.query(statement).execute().replaceWithVoid();
    }
}
