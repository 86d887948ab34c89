package cafe.barista.repository;

import cafe.barista.Ticket;
import cafe.barista.TicketStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** Tickets in the barista database. */
@ApplicationScoped
@WithSession
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {

    public Uni<List<Ticket>> findByStatus(TicketStatus status, int page, int size) {
        Sort oldestFirst = Sort.ascending("createdAt").and("id");
        return (status == null ? findAll(oldestFirst) : find("status", oldestFirst, status))
                .page(Page.of(page, size))
                .list();
    }

    /** Ids of the tickets in a state since before the given time, oldest first. */
    public Uni<List<UUID>> idsIn(TicketStatus status, java.time.Instant since, int limit) {
        return find("status = ?1 and updatedAt <= ?2", Sort.ascending("updatedAt"), status, since)
                .page(Page.ofSize(limit))
                .project(TicketId.class)
                .list()
                .map(ids -> ids.stream().map(TicketId::id).toList());
    }

    /** The projection {@link #idsIn} reads. */
    public record TicketId(UUID id) {}

    /**
     * Serialises the work on one order's ticket until the transaction ends, including the case where the
     * ticket does not exist yet (a cancel and its order arriving together).
     */
    public Uni<Void> lockOrder(UUID orderId) {
        return getSession()
                .chain(session -> session.createNativeQuery(
                                "select 1 from (select pg_advisory_xact_lock(hashtext(:orderId))) as locked",
                                Integer.class)
                        .setParameter("orderId", orderId.toString())
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Remembers that the order was cancelled before its ticket existed. */
    public Uni<Void> rememberCanceled(UUID orderId) {
        return getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into canceled_order (order_id, canceled_at) values (:orderId, now())"
                                        + " on conflict do nothing")
                        .setParameter("orderId", orderId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Boolean> wasCanceled(UUID orderId) {
        return getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from canceled_order where order_id = :orderId", Long.class)
                        .setParameter("orderId", orderId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    public Uni<Ticket> lockByOrder(UUID orderId) {
        return find("orderId", orderId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
