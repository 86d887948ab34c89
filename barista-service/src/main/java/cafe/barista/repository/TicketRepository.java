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
        return (status == null ? findAll(oldestFirst) : find("status", oldestFirst, status)).page(Page.of(page, size)).list();
    }

    public Uni<Ticket> lockByOrder(UUID orderId) {
        return find("orderId", orderId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
