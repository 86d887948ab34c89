package cafe.barista;

import cafe.barista.config.BaristaConfig;
import cafe.barista.repository.TicketStatements;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * A barista that needs no person (auto-brew mode): starts every queued ticket and finishes it after
 * the brew time, through the same moves, and events, as the REST calls. Each tick takes the due
 * tickets a batch at a time: one statement reads a batch, one moves it and writes its events.
 */
@ApplicationScoped
public class AutoBarista {

    static final int BATCH = 500;

    private final TicketStatements statements;
    private final TicketService service;
    private final BaristaConfig config;

    AutoBarista(TicketStatements statements, TicketService service, BaristaConfig config) {
        this.statements = statements;
        this.service = service;
        this.config = config;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> work() {
        if (!config.autoBrew()) {
            return Uni.createFrom().voidItem();
        }
        return drain(TicketStatus.BREWING, Instant.now().minus(config.brewTime()), TicketStatus.READY)
                .chain(() -> drain(TicketStatus.QUEUED, Instant.now(), TicketStatus.BREWING))
                .onFailure()
                .recoverWithItem(failure -> {
                    Log.warnf("Auto-brew could not move tickets (%s); the next tick tries again", failure.toString());
                    return null;
                });
    }

    /** Moves every ticket in {@code status} since {@code before} or earlier to {@code next}, a batch at a time. */
    private Uni<Void> drain(TicketStatus status, Instant before, TicketStatus next) {
        return statements
                .due(status, before, BATCH)
                .chain(due -> due.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : service.moveAll(due, next)
                                .chain(moved -> due.size() < BATCH
                                        ? Uni.createFrom().voidItem()
                                        : drain(status, before, next)));
    }
}
