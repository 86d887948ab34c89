package cafe.barista;

import cafe.barista.config.BaristaConfig;
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

    private final TicketService tickets;
    private final BaristaConfig config;

    AutoBarista(TicketService tickets, BaristaConfig config) {
        this.tickets = tickets;
        this.config = config;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> work() {
        if (!config.autoBrew()) {
            return Uni.createFrom().voidItem();
        }
        return tickets.moveAllDue(TicketStatus.BREWING, Instant.now().minus(config.brewTime()), TicketStatus.READY)
                .chain(() -> tickets.moveAllDue(TicketStatus.QUEUED, Instant.now(), TicketStatus.BREWING))
                .onFailure()
                .recoverWithItem(failure -> {
                    Log.warnf("Auto-brew could not move tickets (%s); the next tick tries again", failure.toString());
                    return null;
                });
    }
}
