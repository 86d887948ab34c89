package cafe.status.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The shadow tables of a rebuild (schema {@code rebuild}) and the swap that puts them in place of the
 * live ones. The swap moves whole tables between schemas, so each keeps its indexes and their names.
 */
@ApplicationScoped
@WithSession
public class RebuildRepository {

    private static final String MERGE_LIVE_SINCE =
            "insert into rebuild.status_event (event_id, order_id, event_type, payload, received_at)"
                    + " select event_id, order_id, event_type, payload, received_at from public.status_event"
                    + " where received_at >= :since on conflict do nothing returning order_id";

    private static final List<String> SWAP = List.of(
            "alter table public.status_event set schema retired",
            "alter table rebuild.status_event set schema public",
            "alter table retired.status_event set schema rebuild",
            "alter table public.order_status set schema retired",
            "alter table rebuild.order_status set schema public",
            "alter table retired.order_status set schema rebuild",
            "truncate rebuild.status_event, rebuild.order_status");

    /** The database's clock, which stamps received_at. */
    public Uni<Instant> now() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select clock_timestamp()", Instant.class)
                        .getSingleResult());
    }

    /** Empties the shadow tables, of whatever a rebuild that failed may have left. */
    public Uni<Void> clear() {
        return execute("truncate rebuild.status_event, rebuild.order_status");
    }

    /**
     * Holds off the live consumers (their inserts and updates wait) while readers go on, until the
     * transaction ends. Taken before anything else in the swap, in the order the consumers take them.
     */
    public Uni<Void> holdLiveWriters() {
        return execute("lock table public.status_event, public.order_status in exclusive mode");
    }

    /** Copies into the shadow tables the live events received since then; emits the order of each copied. */
    public Uni<List<UUID>> mergeLiveSince(Instant since) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(MERGE_LIVE_SINCE, UUID.class)
                        .setParameter("since", since)
                        .getResultList());
    }

    /** Puts the shadow tables in place of the live ones, and empties the ones they replace. */
    public Uni<Void> swap() {
        return Multi.createFrom()
                .iterable(SWAP)
                .onItem()
                .transformToUniAndConcatenate(this::execute)
                .collect()
                .last()
                .replaceWithVoid();
    }

    private Uni<Void> execute(String sql) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(sql).executeUpdate())
                .replaceWithVoid();
    }
}
