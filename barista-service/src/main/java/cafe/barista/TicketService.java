package cafe.barista;

import cafe.barista.repository.TicketRepository;
import cafe.barista.repository.TicketStatements;
import cafe.events.BrewCanceled;
import cafe.events.BrewStarted;
import cafe.events.CafeEvent;
import cafe.events.CancelRefused;
import cafe.events.CoffeeReady;
import cafe.events.DrinkHandedOver;
import cafe.events.OrderCancelRequested;
import cafe.events.OrderPlaced;
import cafe.messaging.inbox.Inbox;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.messaging.outbox.Outbox;
import cafe.problem.ProblemException;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The barista's queue: paid orders become tickets, which are brewed, finished or cancelled. */
@ApplicationScoped
public class TicketService {

    /** Tickets one statement reads, and one moves, when all that are due move ({@link #moveAllDue}). */
    static final int BATCH = 500;

    private final TicketRepository tickets;
    private final TicketStatements statements;
    private final Outbox outbox;
    private final Inbox inbox;

    TicketService(TicketRepository tickets, TicketStatements statements, Outbox outbox, Inbox inbox) {
        this.tickets = tickets;
        this.statements = statements;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    /** Queues a ticket for a paid order, once per event, unless it has one or was cancelled before it arrived. */
    public Uni<Void> queue(ReceivedEvent event, OrderPlaced order) {
        return statements
                .queue(event, Ticket.queued(order))
                .invoke(queued -> {
                    if (queued) {
                        Log.infof("order %s queued: %d x %s", order.orderId(), order.qty(), order.item());
                        Metrics.counter("cafe.tickets", "state", TicketStatus.QUEUED.name())
                                .increment();
                    } else {
                        Log.infof(
                                "order %s not queued: a redelivery, or it has a ticket or was cancelled before it arrived",
                                order.orderId());
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Decides a cancel, once per event, in one transaction with the inbox's record of it: a QUEUED or
     * BREWING ticket is dropped (brew canceled, so the order is cancelled and refunded); a READY or handed
     * over drink is not taken back (cancel refused). A cancel that comes before its order is accepted and remembered, so
     * the order is never queued.
     */
    public Uni<Void> decideCancel(ReceivedEvent event, OrderCancelRequested request) {
        return inbox.applyOnce(event, received -> decide(request));
    }

    private Uni<Void> decide(OrderCancelRequested request) {
        UUID orderId = request.orderId();
        return tickets.closeGate(orderId)
                .chain(() -> tickets.lockByOrder(orderId))
                .chain(ticket -> {
                    if (ticket == null) {
                        Log.infof("order %s: cancel accepted before the order arrived, remembered", orderId);
                        return outbox.append(new BrewCanceled(orderId, null, Instant.now()));
                    }
                    return switch (ticket.status) {
                        case CANCELED -> Uni.createFrom().voidItem();
                        case READY, HANDED_OVER -> {
                            Metrics.counter("cafe.tickets.cancel-refused").increment();
                            Log.infof("order %s: cancel refused, the drink is %s", orderId, ticket.status);
                            yield outbox.append(new CancelRefused(orderId, ticket.id, Instant.now()));
                        }
                        case QUEUED, BREWING -> {
                            Metrics.counter("cafe.tickets", "state", TicketStatus.CANCELED.name())
                                    .increment();
                            Log.infof("order %s ticket canceled (was %s)", orderId, ticket.status);
                            yield tickets.cancel(new BrewCanceled(orderId, ticket.id, Instant.now()));
                        }
                    };
                });
    }

    public Uni<Ticket> startBrewing(UUID ticketId) {
        return transition(ticketId, TicketStatus.BREWING);
    }

    public Uni<Ticket> finish(UUID ticketId) {
        return transition(ticketId, TicketStatus.READY);
    }

    public Uni<Ticket> handOver(UUID ticketId) {
        return transition(ticketId, TicketStatus.HANDED_OVER);
    }

    /**
     * Moves every ticket in {@code status} since {@code before} or earlier to {@code next}, a batch at a
     * time: one statement reads a batch, one moves it and writes its events.
     */
    public Uni<Void> moveAllDue(TicketStatus status, Instant before, TicketStatus next) {
        return statements
                .due(status, before, BATCH)
                .chain(due -> due.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : moveAll(due, next)
                                .chain(moved -> due.size() < BATCH
                                        ? Uni.createFrom().voidItem()
                                        : moveAllDue(status, before, next)));
    }

    /**
     * Moves tickets read in one state to {@code next} (BREWING, READY or HANDED_OVER), each with its event, in one
     * statement; answers those that moved (one another replica or the barista moved first is left out).
     */
    private Uni<List<Ticket>> moveAll(List<Ticket> due, TicketStatus next) {
        return statements
                .move(due, next, (ticket, at) -> reportOf(ticket, next, at))
                .invoke(moved -> {
                    moved.forEach(ticket -> Log.infof("order %s ticket -> %s", ticket.orderId, next));
                    Metrics.counter("cafe.tickets", "state", next.name()).increment(moved.size());
                });
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

    /** Moves one ticket and records the event that reports it, in one statement. */
    private Uni<Ticket> transition(UUID ticketId, TicketStatus next) {
        return statements
                .find(ticketId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Ticket", ticketId))
                .chain(ticket -> {
                    if (!ticket.status.canBecome(next)) {
                        throw ProblemException.conflict(
                                "Ticket " + ticketId + " is " + ticket.status + " and cannot become " + next);
                    }
                    TicketStatus before = ticket.status;
                    return moveAll(List.of(ticket), next).map(moved -> {
                        if (moved.isEmpty()) {
                            throw ProblemException.conflict(
                                    "Ticket " + ticketId + " is no longer " + before + " and cannot become " + next);
                        }
                        return moved.get(0);
                    });
                });
    }

    /** The event that reports a ticket's move to {@code next} at {@code at}. */
    private static CafeEvent reportOf(Ticket ticket, TicketStatus next, Instant at) {
        return switch (next) {
            case BREWING -> new BrewStarted(ticket.orderId, ticket.id, at);
            case READY -> new CoffeeReady(ticket.orderId, ticket.id, at);
            case HANDED_OVER -> new DrinkHandedOver(ticket.orderId, ticket.id, at);
            case QUEUED, CANCELED -> throw new IllegalArgumentException("No barista move to " + next);
        };
    }
}
