package cafe.order.repository;

import cafe.events.CafeEvent;
import cafe.messaging.inbox.Inbox;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.messaging.outbox.Outbox;
import cafe.order.Order;
import cafe.order.OrderStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * The statements of a customer's synchronous path, each one statement and one round trip on the reactive
 * SQL client, with no transaction around it: the pending order (with its price read from the menu in the
 * same statement), its settlement (with its event, through the outbox, in the same statement), the steps
 * it follows the barista by (with the inbox's record of the event), and the two reads of that path (by
 * id, by idempotency key). Hibernate would spend four or five round trips on each write. The API's other
 * reads are Panache's ({@link OrderRepository}).
 */
@ApplicationScoped
public class OrderStatements {

    private static final String COLUMNS =
            "id, customer_id, customer_name, menu_id, item, qty, amount, currency, status,"
                    + " payment_id, idempotency_key, request_hash, created_at, updated_at";
    private static final String CREATE_PENDING = "insert into customer_order (" + COLUMNS + ")"
            + " select $1, $2, $8, m.id, m.name, $3::int, m.price * $3::int, m.currency, 'PAYMENT_PENDING', null, $4, $5,"
            + " $6, $6 from menu_item m where m.id = $7"
            + " on conflict (customer_id, idempotency_key) do nothing returning " + COLUMNS;
    private static final String BY_KEY =
            "select " + COLUMNS + " from customer_order where customer_id = $1 and idempotency_key = $2";
    private static final String BY_ID = "select " + COLUMNS + " from customer_order where id = $1";
    private static final String PLACE = "with placed as (update customer_order set status = 'PLACED', payment_id = $2,"
            + " updated_at = $3 where id = $1 and status = 'PAYMENT_PENDING' returning id) "
            + Outbox.INSERT + " select $4, $5, $6, $7, $8, $9, $10, $11 from placed";
    private static final String REJECT = "update customer_order set status = 'REJECTED', updated_at = $2"
            + " where id = $1 and status = 'PAYMENT_PENDING'";

    private static final String FOLLOW = "update customer_order set status = $3, updated_at = now()"
            + " where id = $4 and status = any($5) and exists (select 1 from first_delivery)";

    private final Pool pool;
    private final Outbox outbox;
    private final Inbox inbox;

    OrderStatements(Pool pool, Outbox outbox, Inbox inbox) {
        this.pool = pool;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    /** Stores the order PAYMENT_PENDING; null when its menu item does not exist or its key is taken. */
    public Uni<Order> createPending(Order order) {
        return pool.preparedQuery(CREATE_PENDING)
                .execute(Tuple.of(order.id, order.customerId, order.qty, order.idempotencyKey, order.requestHash)
                        .addValue(order.createdAt.atOffset(ZoneOffset.UTC))
                        .addValue(order.menuId)
                        .addValue(order.customerName))
                .map(OrderStatements::firstOrNull);
    }

    public Uni<Order> findByIdempotencyKey(String customerId, String key) {
        return pool.preparedQuery(BY_KEY).execute(Tuple.of(customerId, key)).map(OrderStatements::firstOrNull);
    }

    public Uni<Order> findById(UUID id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(OrderStatements::firstOrNull);
    }

    /**
     * Moves a PAYMENT_PENDING order to PLACED and writes its event, in one statement; false, and nothing
     * written, when the order was no longer pending.
     */
    public Uni<Boolean> place(Order order, CafeEvent placed) {
        Tuple values = Tuple.of(order.id, order.paymentId, order.updatedAt.atOffset(ZoneOffset.UTC));
        outbox.values(placed).forEach(values::addValue);
        return pool.preparedQuery(PLACE).execute(values).map(rows -> rows.rowCount() == 1);
    }

    /** Moves a PAYMENT_PENDING order to REJECTED; false when it was no longer pending. */
    public Uni<Boolean> reject(Order order) {
        return pool.preparedQuery(REJECT)
                .execute(Tuple.of(order.id, order.updatedAt.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Moves the order to the barista's next step, if it can take it, once per event (the inbox records the
     * event in the same statement); true when it moved.
     */
    public Uni<Boolean> follow(ReceivedEvent event, UUID id, OrderStatus next) {
        String[] from = Arrays.stream(OrderStatus.values())
                .filter(status -> status.canBecome(next))
                .map(OrderStatus::name)
                .toArray(String[]::new);
        return inbox.applyOnce(event, FOLLOW, next.name(), id, from).map(moved -> moved == 1);
    }

    private static Order firstOrNull(RowSet<Row> rows) {
        return rows.size() == 0 ? null : toOrder(rows.iterator().next());
    }

    private static Order toOrder(Row row) {
        Order order = new Order();
        order.id = row.getUUID("id");
        order.customerId = row.getString("customer_id");
        order.customerName = row.getString("customer_name");
        order.menuId = row.getInteger("menu_id");
        order.item = row.getString("item");
        order.qty = row.getInteger("qty");
        order.amount = row.getLong("amount");
        order.currency = row.getString("currency");
        order.status = OrderStatus.valueOf(row.getString("status"));
        order.paymentId = row.getUUID("payment_id");
        order.idempotencyKey = row.getString("idempotency_key");
        order.requestHash = row.getString("request_hash");
        order.createdAt = row.getOffsetDateTime("created_at").toInstant();
        order.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        return order;
    }
}
