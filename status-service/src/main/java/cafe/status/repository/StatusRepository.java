package cafe.status.repository;

import cafe.status.OrderStatusView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Reads of the live view: the document per order. The writes, to the live or the shadow tables, are {@link ViewStatements}. */
@ApplicationScoped
@WithSession
public class StatusRepository implements PanacheRepositoryBase<OrderStatusView, UUID> {

    /** The live documents of those of these orders the view knows. */
    public Uni<List<String>> documentsOf(List<UUID> orderIds) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select document from order_status where order_id in (:ids)", String.class)
                        .setParameter("ids", orderIds)
                        .getResultList());
    }

    public Uni<List<OrderStatusView>> findByCustomer(String customerId, int page, int size) {
        return find("customerId", Sort.descending("placedAt").and("orderId"), customerId)
                .page(Page.of(page, size))
                .list();
    }
}
