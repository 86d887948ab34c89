package cafe.status.repository;

import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.status.OrderStatusDocument;
import cafe.status.listener.StatusBroadcaster;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The view's writes, each one statement for a whole batch of events or orders, on the caller's
 * connection and in its transaction. Values travel as arrays ({@code unnest}), so a statement has the
 * same text and the same few parameters however large the batch. Writes name their tables, so the
 * same statements fill the live view and the shadow one a rebuild swaps in.
 */
@ApplicationScoped
public class ViewStatements {

    /**
     * The orders' locks, in one order for every writer (sorted keys), so two batches that share orders
     * never deadlock. The key is the one every writer of an order has always used.
     */
    private static final String LOCK_ORDERS = "select pg_advisory_xact_lock(lock_key) from"
            + " (select distinct hashtextextended(cast(order_id as text), 0) as lock_key"
            + " from unnest($1::uuid[]) as order_id order by lock_key) as sorted";

    /**
     * Records the events new to these tables (a known event id changes nothing) and answers every
     * event of each order that got a new one. The statement's snapshot does not see its own inserts,
     * so the new events come from RETURNING and the ones stored before from the table, each once.
     */
    private static final String RECORD_EVENTS = "with batch (event_id, order_id, event_type, payload) as"
            + " (select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])),"
            + " new_events as (insert into %1$s (event_id, order_id, event_type, payload, received_at)"
            + " select event_id, order_id, event_type, payload, clock_timestamp() from batch"
            + " on conflict do nothing returning order_id, event_type, payload)"
            + " select order_id, event_type, payload from new_events"
            + " union all select order_id, event_type, payload from %1$s"
            + " where order_id in (select order_id from new_events)";

    private static final String EVENTS_OF =
            "select order_id, event_type, payload from %s where order_id = any($1::uuid[])";

    private static final String SAVE_DOCUMENTS =
            "insert into %s (order_id, customer_id, document, placed_at, updated_at)"
                    + " select * from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])"
                    + " on conflict (order_id) do update set customer_id = excluded.customer_id, document = excluded.document,"
                    + " placed_at = excluded.placed_at, updated_at = excluded.updated_at";

    /** The same, announcing each saved document to every replica's live streams; PostgreSQL delivers on commit. */
    private static final String SAVE_AND_NOTIFY =
            "with saved as (" + SAVE_DOCUMENTS + " returning document)" + " select pg_notify($6, document) from saved";

    /** A document as it is stored: the record and its JSON. */
    public record Document(OrderStatusDocument document, String json) {}

    /** Serialises the updates of these orders across consumers and replicas, until the transaction ends. */
    public Uni<Void> lockOrders(SqlConnection sql, Collection<UUID> orderIds) {
        return sql.preparedQuery(LOCK_ORDERS)
                .execute(Tuple.tuple().addArrayOfUUID(orderIds.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    /**
     * Records the events once each; emits, by order, every event these tables hold for each order that
     * got a new one. An order whose events were all known already is absent.
     */
    public Uni<Map<UUID, List<CafeEvent>>> recordEvents(
            SqlConnection sql, ViewTables tables, Collection<ReceivedEvent> events) {
        UUID[] ids = new UUID[events.size()];
        UUID[] orders = new UUID[events.size()];
        String[] types = new String[events.size()];
        String[] payloads = new String[events.size()];
        int i = 0;
        for (ReceivedEvent event : events) {
            ids[i] = event.id();
            orders[i] = event.payload().orderId();
            types[i] = event.type();
            payloads[i] = EventCodec.toJson(event.payload());
            i++;
        }
        return sql.preparedQuery(RECORD_EVENTS.formatted(tables.events))
                .execute(Tuple.tuple()
                        .addArrayOfUUID(ids)
                        .addArrayOfUUID(orders)
                        .addArrayOfString(types)
                        .addArrayOfString(payloads))
                .map(ViewStatements::byOrder);
    }

    /** Every event these tables hold for those orders, by order; an order without events is absent. */
    public Uni<Map<UUID, List<CafeEvent>>> eventsOf(SqlConnection sql, ViewTables tables, Collection<UUID> orderIds) {
        return sql.preparedQuery(EVENTS_OF.formatted(tables.events))
                .execute(Tuple.tuple().addArrayOfUUID(orderIds.toArray(UUID[]::new)))
                .map(ViewStatements::byOrder);
    }

    /**
     * Stores the documents in these tables, in place of the ones before, one per order. Documents saved
     * to the live tables are also announced to the live streams, in the same statement.
     */
    public Uni<Void> saveDocuments(SqlConnection sql, ViewTables tables, List<Document> documents) {
        if (documents.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = documents.size();
        UUID[] orders = new UUID[n];
        String[] customers = new String[n];
        String[] jsons = new String[n];
        OffsetDateTime[] placed = new OffsetDateTime[n];
        OffsetDateTime[] updated = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            OrderStatusDocument document = documents.get(i).document();
            orders[i] = document.orderId();
            customers[i] = document.customerId();
            jsons[i] = documents.get(i).json();
            placed[i] = utc(document.placedAt());
            updated[i] = utc(document.updatedAt());
        }
        Tuple values = Tuple.tuple()
                .addArrayOfUUID(orders)
                .addArrayOfString(customers)
                .addArrayOfString(jsons)
                .addArrayOfOffsetDateTime(placed)
                .addArrayOfOffsetDateTime(updated);
        if (tables == ViewTables.LIVE) {
            return sql.preparedQuery(SAVE_AND_NOTIFY.formatted(tables.documents))
                    .execute(values.addString(StatusBroadcaster.CHANNEL))
                    .replaceWithVoid();
        }
        return sql.preparedQuery(SAVE_DOCUMENTS.formatted(tables.documents))
                .execute(values)
                .replaceWithVoid();
    }

    private static Map<UUID, List<CafeEvent>> byOrder(RowSet<Row> rows) {
        Map<UUID, List<CafeEvent>> events = new LinkedHashMap<>();
        for (Row row : rows) {
            events.computeIfAbsent(row.getUUID("order_id"), order -> new ArrayList<>())
                    .add(EventCodec.fromJson(row.getString("event_type"), row.getString("payload")));
        }
        return events;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
