package cafe.barista.repository;

import cafe.barista.Ticket;
import cafe.barista.TicketStatus;
import cafe.events.CafeEvent;
import cafe.messaging.inbox.Inbox;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.messaging.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Array;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The barista's hot paths on the reactive SQL client, each one statement and one round trip with no
 * transaction around it: a placed order's ticket queued (with the inbox's record of the event), where a
 * transaction with an advisory lock took five round trips; and the moves (start, finish) of any number of
 * tickets with their events, where Hibernate would spend a transaction of five round trips on each
 * ticket. The API's lists and a cancel's writes, inside the consumer's transaction, are {@link
 * TicketRepository}'s.
 */
@ApplicationScoped
public class TicketStatements {

    private static final String COLUMNS =
            "id, order_id, customer_id, customer_name, item, qty, status, created_at, updated_at";
    private static final String BY_ID = "select " + COLUMNS + " from ticket where id = $1";
    private static final String OLDEST_OF = "select t.* from unnest($1::text[]) as shown (status) cross join lateral"
            + " (select " + COLUMNS
            + " from ticket where ticket.status = shown.status order by created_at, id limit $2) t"
            + " order by t.created_at, t.id";
    private static final String DUE = "select " + COLUMNS + " from ticket where status = $1 and updated_at <= $2"
            + " order by updated_at, id limit $3";

    /**
     * Continues the with-list that records the event in the inbox ($1, $2), hence its leading comma. The
     * order's gate row ($3) is written first: a cancel that holds it (or is still inserting it) makes this
     * statement wait until it commits, and its tombstone (canceled_at) is then read from the row as
     * committed, not from this statement's snapshot. The ticket is inserted unless the order was cancelled
     * or has one already (order_id is unique).
     */
    private static final String QUEUE = ", gate as (insert into order_gate (order_id) select $3"
            + " where exists (select 1 from first_delivery)"
            + " on conflict (order_id) do update set canceled_at = order_gate.canceled_at returning canceled_at)"
            + " insert into ticket (" + COLUMNS + ")"
            + " select $4, $3, $5, $10, $6, $7, $8, $9, $9 from gate where canceled_at is null"
            + " on conflict (order_id) do nothing";

    /** The element types of the outbox columns, in the order of {@link Outbox#INSERT} and {@link Outbox#values}. */
    private static final List<Class<?>> EVENT_COLUMNS = List.of(
            UUID.class,
            String.class,
            String.class,
            String.class,
            String.class,
            String.class,
            OffsetDateTime.class,
            String.class);

    /**
     * $1 the state the tickets were read in, $2 the next one, $3 the time of the move, $4 the tickets' ids,
     * $5-$12 their events' rows, column by column. Only the tickets still in $1 move, and only their events
     * are written; they are locked in id order, so two movers of overlapping batches never deadlock.
     */
    private static final String MOVE = "with due (ticket_id, event_id, event_type, topic, aggregate_id, source,"
            + " payload, created_at, trace_parent) as (select * from unnest($4::uuid[], $5::uuid[], $6::text[],"
            + " $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[])),"
            + " still as (select id from ticket where id in (select ticket_id from due) and status = $1"
            + " order by id for update),"
            + " moved as (update ticket set status = $2, updated_at = $3 from still where ticket.id = still.id"
            + " returning ticket.id),"
            + " written as (" + Outbox.INSERT + " select event_id, event_type, topic, aggregate_id, source, payload,"
            + " created_at, trace_parent from due join moved on moved.id = due.ticket_id)"
            + " select id from moved";

    private final Pool pool;
    private final Outbox outbox;
    private final Inbox inbox;

    TicketStatements(Pool pool, Outbox outbox, Inbox inbox) {
        this.pool = pool;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    /** Queues the ticket, once per event; true when it was queued, false when its order has one or was cancelled. */
    public Uni<Boolean> queue(ReceivedEvent event, Ticket ticket) {
        return inbox.applyOnce(
                        event,
                        QUEUE,
                        ticket.orderId,
                        ticket.id,
                        ticket.customerId,
                        ticket.item,
                        ticket.qty,
                        ticket.status.name(),
                        ticket.createdAt.atOffset(ZoneOffset.UTC),
                        ticket.customerName)
                .map(inserted -> inserted == 1);
    }

    /** The ticket, or null. */
    public Uni<Ticket> find(UUID id) {
        return pool.preparedQuery(BY_ID)
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : toTicket(rows.iterator().next()));
    }

    /** Up to {@code limit} tickets in the state since {@code before} or earlier, oldest first. */
    public Uni<List<Ticket>> due(TicketStatus status, Instant before, int limit) {
        return pool.preparedQuery(DUE)
                .execute(Tuple.of(status.name(), before.atOffset(ZoneOffset.UTC), limit))
                .map(TicketStatements::toList);
    }

    /** Of each state, the oldest {@code perState} tickets; all of them oldest first. */
    public Uni<List<Ticket>> oldestOf(List<TicketStatus> states, int perState) {
        String[] names = states.stream().map(TicketStatus::name).toArray(String[]::new);
        return pool.preparedQuery(OLDEST_OF).execute(Tuple.of(names, perState)).map(TicketStatements::toList);
    }

    /**
     * Moves the tickets, all in the same state as read, to {@code next}, each with the event {@code event}
     * makes of it and the time of the move, in one statement. Answers the tickets that moved, updated; one
     * that someone else moved meanwhile (a replica, the barista, a cancel) is left out, with no event.
     */
    public Uni<List<Ticket>> move(
            List<Ticket> tickets, TicketStatus next, BiFunction<Ticket, Instant, CafeEvent> event) {
        if (tickets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        TicketStatus from = tickets.get(0).status;
        if (tickets.stream().anyMatch(ticket -> ticket.status != from)) {
            throw new IllegalArgumentException("Tickets of one state move together");
        }
        Instant at = Instant.now();
        Tuple values = Tuple.of(from.name(), next.name(), at.atOffset(ZoneOffset.UTC))
                .addValue(tickets.stream().map(ticket -> ticket.id).toArray(UUID[]::new));
        List<List<Object>> events = tickets.stream()
                .map(ticket -> outbox.values(event.apply(ticket, at)))
                .toList();
        for (int column = 0; column < EVENT_COLUMNS.size(); column++) {
            values.addValue(column(events, column));
        }
        return pool.preparedQuery(MOVE).execute(values).map(rows -> {
            Set<UUID> moved = new HashSet<>();
            rows.forEach(row -> moved.add(row.getUUID("id")));
            List<Ticket> done =
                    tickets.stream().filter(ticket -> moved.contains(ticket.id)).toList();
            done.forEach(ticket -> {
                ticket.status = next;
                ticket.updatedAt = at;
            });
            return done;
        });
    }

    /** One column of the events' rows, as an array of its type (the reactive client binds it as a SQL array). */
    private static Object[] column(List<List<Object>> rows, int column) {
        Object[] values = (Object[]) Array.newInstance(EVENT_COLUMNS.get(column), rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i).get(column);
        }
        return values;
    }

    private static List<Ticket> toList(RowSet<Row> rows) {
        List<Ticket> tickets = new ArrayList<>(rows.size());
        rows.forEach(row -> tickets.add(toTicket(row)));
        return tickets;
    }

    private static Ticket toTicket(Row row) {
        Ticket ticket = new Ticket();
        ticket.id = row.getUUID("id");
        ticket.orderId = row.getUUID("order_id");
        ticket.customerId = row.getString("customer_id");
        ticket.customerName = row.getString("customer_name");
        ticket.item = row.getString("item");
        ticket.qty = row.getInteger("qty");
        ticket.status = TicketStatus.valueOf(row.getString("status"));
        ticket.createdAt = row.getOffsetDateTime("created_at").toInstant();
        ticket.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        return ticket;
    }
}
