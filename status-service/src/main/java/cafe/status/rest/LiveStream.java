package cafe.status.rest;

import cafe.status.StatusConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Frames a live stream for a connection that stays open: each item as an event; a comment every
 * cafe.status.stream-keep-alive, so proxies and clients do not take a quiet stream for a dead one; and
 * the end after cafe.status.stream-max-lifetime, so no connection holds its subscription for ever. The
 * client then opens a new stream, which starts with the document as it is.
 */
@ApplicationScoped
class LiveStream {

    private static final String KEEP_ALIVE = "keep-alive";

    private final StatusConfig config;

    LiveStream(StatusConfig config) {
        this.config = config;
    }

    <T> Multi<OutboundSseEvent> of(Multi<T> items, Sse sse) {
        return Multi.createFrom().emitter(emitter -> {
            List<Cancellable> running = new CopyOnWriteArrayList<>();
            emitter.onTermination(() -> running.forEach(Cancellable::cancel));
            running.add(Multi.createFrom()
                    .ticks()
                    .every(config.streamKeepAlive())
                    .subscribe()
                    .with(tick -> emitter.emit(
                            sse.newEventBuilder().comment(KEEP_ALIVE).build())));
            running.add(Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(config.streamMaxLifetime())
                    .subscribe()
                    .with(lifetimeOver -> emitter.complete()));
            running.add(items.subscribe()
                    .with(
                            item -> emitter.emit(
                                    sse.newEventBuilder().data(item).build()),
                            emitter::fail,
                            emitter::complete));
        });
    }
}
