package cafe.barista;

import cafe.barista.repository.TicketRepository;
import cafe.events.BrewCanceled;
import cafe.events.BrewStarted;
import cafe.events.CafeEvent;
import cafe.events.CoffeeReady;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.messaging.outbox.Outbox;
import cafe.problem.ProblemException;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The barista's queue: paid orders become tickets, which are brewed, finished or cancelled. */
@ApplicationScoped
public class TicketService {

    private final TicketRepository tickets;
    private final Outbox outbox;

    TicketService(TicketRepository tickets, Outbox outbox) {
        this.tickets = tickets;
        this.outbox = outbox;
    }

    /**
     * Queues a ticket for a paid order, unless it has one or was cancelled before it arrived; call inside
     * the consumer's transaction.
     */
    public Uni<Void> queue(OrderPlaced order) {
        return tickets.lockOrder(order.orderId())
                .chain(() -> tickets.queue(Ticket.queued(order)))
                .invoke(queued -> {
                    if (queued) {
                        Log.infof("order %s queued: %d x %s", order.orderId(), order.qty(), order.item());
                        Metrics.counter("cafe.tickets", "state", TicketStatus.QUEUED.name())
                                .increment();
                    } else {
                        Log.infof(
                                "order %s not queued: it has a ticket, or was cancelled before it arrived",
                                order.orderId());
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Cancels the ticket of a cancelled order; a drink that raced to READY is discarded. A cancel that
     * comes before its order is remembered, so the order is never queued.
     */
    public Uni<Void> cancel(OrderCanceled canceled) {
        return tickets.lockOrder(canceled.orderId())
                .chain(() -> tickets.lockByOrder(canceled.orderId()))
                .chain(ticket -> {
                    if (ticket == null) {
                        Log.infof("order %s cancelled before it arrived: remembered", canceled.orderId());
                        return tickets.rememberCanceled(canceled.orderId());
                    }
                    if (ticket.status == TicketStatus.CANCELED) {
                        return Uni.createFrom().voidItem();
                    }
                    TicketStatus before = ticket.status;
                    ticket.status = TicketStatus.CANCELED;
                    ticket.updatedAt = Instant.now();
                    Metrics.counter("cafe.tickets", "state", TicketStatus.CANCELED.name())
                            .increment();
                    Log.infof(
                            "order %s ticket canceled (was %s)%s",
                            ticket.orderId, before, before == TicketStatus.READY ? ", drink discarded" : "");
                    return outbox.append(new BrewCanceled(ticket.orderId, ticket.id, ticket.updatedAt));
                });
    }

    public Uni<Ticket> startBrewing(UUID ticketId) {
        return transition(
                ticketId, TicketStatus.BREWING, ticket -> new BrewStarted(ticket.orderId, ticket.id, ticket.updatedAt));
    }

    public Uni<Ticket> finish(UUID ticketId) {
        return transition(
                ticketId, TicketStatus.READY, ticket -> new CoffeeReady(ticket.orderId, ticket.id, ticket.updatedAt));
    }

    @WithSession
    public Uni<List<Ticket>> list(TicketStatus status, UUID orderId, int page, int size) {
        return orderId != null ? tickets.find("orderId", orderId).list() : tickets.findByStatus(status, page, size);
    }

    @WithSession
    public Uni<Ticket> find(UUID ticketId) {
        return tickets.findById(ticketId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Ticket", ticketId));
    }

    /** Moves the ticket and records the event that reports it, in one transaction. */
    private Uni<Ticket> transition(UUID ticketId, TicketStatus next, Function<Ticket, CafeEvent> event) {
        return Panache.withTransaction(() -> tickets.findById(ticketId, LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Ticket", ticketId))
                .invoke(ticket -> {
                    TicketStatus before = ticket.status;
                    if (!ticket.moveTo(next)) {
                        throw ProblemException.conflict(
                                "Ticket " + ticketId + " is " + before + " and cannot become " + next);
                    }
                    Log.infof("order %s ticket %s -> %s", ticket.orderId, before, next);
                    Metrics.counter("cafe.tickets", "state", next.name()).increment();
                })
                .call(ticket -> outbox.append(event.apply(ticket))));
    }
}
