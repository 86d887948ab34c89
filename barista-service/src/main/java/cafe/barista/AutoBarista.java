package cafe.barista;

import cafe.barista.config.BaristaConfig;
import cafe.barista.repository.TicketRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A barista that needs no person (auto-brew mode): starts every queued ticket and finishes it after
 * the brew time. Each step goes through the same transitions, and events, as the REST calls.
 */
@ApplicationScoped
public class AutoBarista {

    private static final int BATCH = 200;

    private final TicketRepository tickets;
    private final TicketService service;
    private final BaristaConfig config;

    AutoBarista(TicketRepository tickets, TicketService service, BaristaConfig config) {
        this.tickets = tickets;
        this.service = service;
        this.config = config;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> work() {
        if (!config.autoBrew()) {
            return Uni.createFrom().voidItem();
        }
        Instant brewedBefore = Instant.now().minus(config.brewTime());
        return Panache.withSession(() -> tickets.idsIn(TicketStatus.BREWING, brewedBefore, BATCH))
                .chain(ready -> each(ready, service::finish))
                .chain(() -> Panache.withSession(() -> tickets.idsIn(TicketStatus.QUEUED, Instant.now(), BATCH)))
                .chain(queued -> each(queued, service::startBrewing));
    }

    /** Moves each ticket in turn; one another replica or the barista moved first is skipped. */
    private static Uni<Void> each(List<UUID> ids, java.util.function.Function<UUID, Uni<Ticket>> step) {
        return Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUniAndConcatenate(id -> step.apply(id).onFailure().recoverWithNull())
                .collect()
                .last()
                .replaceWithVoid();
    }
}
