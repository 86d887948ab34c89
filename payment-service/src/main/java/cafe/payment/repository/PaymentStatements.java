package cafe.payment.repository;

import cafe.payment.Payment;
import cafe.payment.PaymentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The charge's write on the reactive SQL client: one statement and one round trip, with no transaction
 * around it, so that a repeated charge request costs what the first did.
 */
@ApplicationScoped
public class PaymentStatements {

    private static final String COLUMNS = "id, order_id, amount, currency, status, created_at, refunded_at";
    /** Inserts, or on conflict answers the row already there, in one statement and round trip. */
    private static final String INSERT_ONCE = "with inserted as (insert into payment (" + COLUMNS + ")"
            + " values ($1, $2, $3, $4, $5, $6, null) on conflict (order_id) do nothing returning " + COLUMNS + ")"
            + " select " + COLUMNS + " from inserted union all select " + COLUMNS + " from payment"
            + " where order_id = $2 and not exists (select 1 from inserted)";

    private final Pool pool;
    private final PaymentRepository payments;

    PaymentStatements(Pool pool, PaymentRepository payments) {
        this.pool = pool;
        this.payments = payments;
    }

    /**
     * Inserts the payment unless the order already has one, and answers the order's payment, without a
     * transaction around it. The unique constraint decides under concurrency: a row committed by a
     * concurrent insert while this one waited is outside this statement's snapshot, so it is read again.
     */
    public Uni<Payment> insertOnce(Payment payment) {
        return pool.preparedQuery(INSERT_ONCE)
                .execute(Tuple.of(
                        payment.id,
                        payment.orderId,
                        payment.amount,
                        payment.currency,
                        payment.status.name(),
                        payment.createdAt.atOffset(ZoneOffset.UTC)))
                .chain(rows -> rows.size() == 1
                        ? Uni.createFrom().item(toPayment(rows.iterator().next()))
                        : payments.findByOrder(payment.orderId));
    }

    private static Payment toPayment(Row row) {
        Payment payment = new Payment();
        payment.id = row.getUUID("id");
        payment.orderId = row.getUUID("order_id");
        payment.amount = row.getLong("amount");
        payment.currency = row.getString("currency");
        payment.status = PaymentStatus.valueOf(row.getString("status"));
        payment.createdAt = row.getOffsetDateTime("created_at").toInstant();
        OffsetDateTime refundedAt = row.getOffsetDateTime("refunded_at");
        payment.refundedAt = refundedAt == null ? null : refundedAt.toInstant();
        return payment;
    }
}
