package cafe.order.repository;

import cafe.order.MenuItem;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The menu, seeded by the migrations. */
@ApplicationScoped
@WithSession
public class MenuRepository implements PanacheRepositoryBase<MenuItem, Integer> {

    public Uni<List<MenuItem>> listMenu() {
        return listAll(Sort.by("id"));
    }
}
