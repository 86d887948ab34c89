package cafe.order;

import cafe.events.OrderCancelRequested;
import cafe.events.OrderCanceled;
import cafe.messaging.ResumeOnContext;
import cafe.messaging.inbox.Inbox;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.messaging.outbox.Outbox;
import cafe.order.client.ChargeOutcome;
import cafe.order.client.ChargeRequest;
import cafe.order.client.PaymentClient;
import cafe.order.client.PaymentUnavailableException;
import cafe.order.config.OrderConfig;
import cafe.order.repository.OrderRepository;
import cafe.order.repository.OrderStatements;
import cafe.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * Takes orders. An order is stored PAYMENT_PENDING, charged outside any transaction, and only then
 * becomes PLACED (with its {@code cafe.order.placed} event, in the same transaction) or REJECTED.
 */
@ApplicationScoped
public class OrderService {

    private final OrderRepository orders;
    private final OrderStatements statements;
    private final PaymentClient payments;
    private final Outbox outbox;
    private final OrderConfig config;
    private final MeterRegistry metrics;
    private final Inbox inbox;

    OrderService(
            OrderRepository orders,
            OrderStatements statements,
            PaymentClient payments,
            Outbox outbox,
            OrderConfig config,
            MeterRegistry metrics,
            Inbox inbox) {
        this.metrics = metrics;
        this.inbox = inbox;
        this.orders = orders;
        this.statements = statements;
        this.payments = payments;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Places an order. An Idempotency-Key names one request of one customer: repeated, it returns the first
     * order (never a second charge); with a different body, 422. Without one the order gets a key of its
     * own. Once the order is stored, every answer that is not final (any 5xx) names the order and its key,
     * so even a retry without a key of its own cannot pay twice. Admission comes first: beyond {@code
     * cafe.order.admission.*} orders at once, an order is turned away before anything is stored. {@code
     * customerName} travels with the order to the barista, who calls it out.
     */
    @Bulkhead
    @Fallback(fallbackMethod = "turnedAway", applyOn = BulkheadException.class)
    public Uni<Order> place(PlaceOrderRequest request, String customerName, String idempotencyKey) {
        String key = idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey;
        return statements
                .createPending(Order.requested(request, customerName, key))
                .onItem()
                .ifNull()
                .switchTo(() -> earlierRequest(request, key))
                .chain(order -> order.status == OrderStatus.PAYMENT_PENDING
                        ? charge(order).onFailure(OrderService::unexpected).transform(e -> notSettled(order, e))
                        : Uni.createFrom().item(order));
    }

    /**
     * More orders at once than admission lets in: this one is neither stored nor charged, so the service
     * sheds an overload with a fast answer instead of queueing it until its memory runs out.
     */
    Uni<Order> turnedAway(PlaceOrderRequest request, String customerName, String idempotencyKey) {
        count("turned-away");
        return Uni.createFrom()
                .failure(ProblemException.unavailable(
                        "Too many orders at once: this one was not placed and nothing was charged."
                                + " Please try again shortly",
                        config.retryAfter()));
    }

    /**
     * Settles an order left PAYMENT_PENDING (see {@link PaymentReconciler}) by asking payment for the truth:
     * payment voids its charge unless one happened first, and answers the order's payment, which places or
     * rejects the order.
     */
    public Uni<Order> reconcile(Order pending) {
        return payments.voidCharge(new ChargeRequest(pending.id, pending.amount, pending.currency))
                .emitOn(ResumeOnContext.current())
                .chain(outcome -> settle(pending, outcome));
    }

    /** Orders still PAYMENT_PENDING that were created before {@code cutoff}, oldest first, at most {@code limit}. */
    @WithSession
    public Uni<List<Order>> stalePending(Instant cutoff, int limit) {
        return orders.findStalePending(cutoff, limit);
    }

    /**
     * Settles an order by a charge's outcome; a no-op unless the order is still PAYMENT_PENDING. The
     * placed order's event is written in the same statement as its new state.
     */
    private Uni<Order> settle(Order order, ChargeOutcome outcome) {
        if (!order.moveTo(outcome.approved() ? OrderStatus.PLACED : OrderStatus.REJECTED)) {
            return Uni.createFrom().item(order);
        }
        order.paymentId = outcome.paymentId();
        Uni<Boolean> moved = outcome.approved() ? statements.place(order, order.placed()) : statements.reject(order);
        return moved.chain(done -> {
            if (!done) {
                return statements.findById(order.id);
            }
            if (outcome.approved()) {
                count("placed");
                Log.infof(
                        "order %s placed: %d x %s for %d %s",
                        order.id, order.qty, order.item, order.amount, order.currency);
            } else {
                count("rejected");
                Log.infof("order %s rejected: payment declined", order.id);
            }
            return Uni.createFrom().item(order);
        });
    }

    /**
     * Asks the barista to cancel a PLACED or BREWING order of {@code customerId}: the order becomes
     * CANCEL_REQUESTED and the barista decides (see {@link #cancelAccepted}). Asking again while the answer
     * is pending changes nothing. Another customer's order is not found; a READY one is too late.
     */
    public Uni<Order> requestCancel(UUID id, String customerId) {
        return Panache.withTransaction(() -> orders.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Order", id))
                .invoke(order -> {
                    if (!order.customerId.equals(customerId)) {
                        throw ProblemException.notFound("Order", id);
                    }
                })
                .chain(order -> {
                    if (order.status == OrderStatus.CANCEL_REQUESTED) {
                        return Uni.createFrom().item(order);
                    }
                    OrderStatus before = order.status;
                    if (!order.moveTo(OrderStatus.CANCEL_REQUESTED)) {
                        return Uni.createFrom().failure(tooLateToCancel(order));
                    }
                    count("cancel-requested");
                    Log.infof("order %s: cancel requested (was %s)", order.id, before);
                    return outbox.append(new OrderCancelRequested(order.id, order.customerId, order.updatedAt))
                            .replaceWith(order);
                }));
    }

    /**
     * The barista dropped the ticket: the order is CANCELED and its event, which refunds the payment, is
     * written in the same transaction as the record of the barista's event. Nothing happens to an order
     * that is not waiting for this answer.
     */
    public Uni<Void> cancelAccepted(ReceivedEvent event, UUID id) {
        return inbox.applyOnce(
                event,
                received -> orders.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(order -> {
                    if (order == null || !order.moveTo(OrderStatus.CANCELED)) {
                        Log.infof("order %s: brew canceled for an order not waiting for it: ignored", id);
                        return Uni.createFrom().voidItem();
                    }
                    count("canceled");
                    Log.infof("order %s canceled: the barista dropped its ticket", id);
                    return outbox.append(
                            new OrderCanceled(order.id, order.customerId, order.paymentId, order.updatedAt));
                }));
    }

    /**
     * Moves the order along with the barista, once per event; a step the order can no longer take (a brew
     * started after a cancel was asked for) is ignored.
     */
    public Uni<Void> follow(ReceivedEvent event, UUID id, OrderStatus next) {
        return statements
                .follow(event, id, next)
                .invoke(moved -> {
                    if (moved) {
                        Log.infof("order %s is %s", id, next);
                    }
                })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<Order> find(UUID id) {
        return orders.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Order", id));
    }

    @WithSession
    public Uni<List<Order>> list(String customerId, int page, int size) {
        return customerId == null ? orders.findAll(page, size) : orders.findByCustomer(customerId, page, size);
    }

    /** The order an earlier request with this key stored; none means the menu item does not exist. */
    private Uni<Order> earlierRequest(PlaceOrderRequest request, String key) {
        return statements
                .findByIdempotencyKey(request.customerId(), key)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.invalidField("menuId", "no menu item " + request.menuId()))
                .chain(order -> sameRequestOrFail(order, request));
    }

    private static Uni<Order> sameRequestOrFail(Order order, PlaceOrderRequest request) {
        if (!order.requestHash.equals(request.fingerprint())) {
            return Uni.createFrom()
                    .failure(new ProblemException(
                            422,
                            "Idempotency Key Reused",
                            "This Idempotency-Key was used for a different order; use a new key for a new order"));
        }
        return Uni.createFrom().item(order);
    }

    private Uni<Order> charge(Order order) {
        return payments.charge(new ChargeRequest(order.id, order.amount, order.currency))
                .emitOn(ResumeOnContext.current())
                .onFailure(PaymentUnavailableException.class)
                .invoke(() -> count("payment-unavailable"))
                .onFailure(PaymentUnavailableException.class)
                .transform(e -> outcomeUnknown(order))
                .chain(outcome -> settle(order, outcome));
    }

    /**
     * The charge timed out or was not attempted: it may still commit at payment, so the order stays pending
     * until the reconciler settles it with payment. The answer says so, and names the key whose retry
     * returns this order instead of charging again.
     */
    private ProblemException outcomeUnknown(Order order) {
        return notSettledYet(order, "Payment is busy or unavailable");
    }

    /** A failure nobody expected after the order was stored (a lost database connection while settling). */
    private ProblemException notSettled(Order order, Throwable failure) {
        Log.errorf(failure, "order %s: not settled, %s", order.id, failure.getMessage());
        count("not-settled");
        return notSettledYet(order, "The order could not be settled");
    }

    private ProblemException notSettledYet(Order order, String why) {
        return new ProblemException(
                503,
                "Service Unavailable",
                why + ", so order " + order.id + " is not paid yet and may never be:"
                        + " it stays pending until payment settles it (placed, or rejected and not charged)."
                        + " Please try again shortly with the same Idempotency-Key, " + order.idempotencyKey
                        + ": it returns this order and never charges twice",
                Map.of("orderId", order.id, "idempotencyKey", order.idempotencyKey),
                config.retryAfter());
    }

    private static boolean unexpected(Throwable failure) {
        return !(failure instanceof ProblemException);
    }

    private static ProblemException tooLateToCancel(Order order) {
        String why = switch (order.status) {
            case READY -> "its coffee is ready, so it is not refunded";
            case HANDED_OVER -> "its coffee was handed over, so it is not refunded";
            case CANCELED -> "it is already cancelled";
            case REJECTED -> "its payment was declined, so it was never placed";
            case PAYMENT_PENDING -> "its payment is not settled yet; try again shortly";
            case PLACED, BREWING, CANCEL_REQUESTED ->
                throw new IllegalStateException(order.status + " can be cancelled");
        };
        return new ProblemException(
                409,
                "Conflict",
                "Order " + order.id + " can no longer be cancelled: " + why,
                Map.of("orderId", order.id, "orderStatus", order.status),
                null);
    }

    private void count(String outcome) {
        metrics.counter("cafe.orders", "outcome", outcome).increment();
    }
}
