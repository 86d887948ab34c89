package cafe.order.repository;

import cafe.order.Order;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Orders in the orders database. */
@ApplicationScoped
@WithSession
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    public Uni<List<Order>> findByCustomer(String customerId, int page, int size) {
        return find("customerId", Sort.descending("createdAt").and("id"), customerId)
                .page(Page.of(page, size))
                .list();
    }

    public Uni<List<Order>> findAll(int page, int size) {
        return findAll(Sort.descending("createdAt").and("id"))
                .page(Page.of(page, size))
                .list();
    }

    /** Orders still PAYMENT_PENDING that were created before the cut-off, oldest first. */
    public Uni<List<Order>> findStalePending(Instant olderThan, int limit) {
        return find(
                        "status = cafe.order.OrderStatus.PAYMENT_PENDING and createdAt < ?1",
                        Sort.ascending("createdAt"),
                        olderThan)
                .page(Page.ofSize(limit))
                .list();
    }
}
