package cafe.messaging.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Frames a live stream for a connection that stays open: each item as an event (named by {@code name}); a
 * comment every {@code keepAlive}, so proxies and clients do not take a quiet stream for a dead one; and the
 * end after {@code lifetime}, so no connection holds its subscription for ever. The client then opens a new
 * stream, which starts with things as they are.
 */
public final class LiveStream {

    private static final String KEEP_ALIVE = "keep-alive";

    private LiveStream() {}

    public static <T> Multi<OutboundSseEvent> of(
            Multi<T> items, Function<T, String> name, Sse sse, Duration keepAlive, Duration lifetime) {
        return Multi.createFrom().emitter(emitter -> {
            List<Cancellable> running = new CopyOnWriteArrayList<>();
            emitter.onTermination(() -> running.forEach(Cancellable::cancel));
            running.add(Multi.createFrom()
                    .ticks()
                    .every(keepAlive)
                    .subscribe()
                    .with(tick -> emitter.emit(
                            sse.newEventBuilder().comment(KEEP_ALIVE).build())));
            running.add(Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(lifetime)
                    .subscribe()
                    .with(lifetimeOver -> emitter.complete()));
            running.add(items.subscribe()
                    .with(
                            item -> emitter.emit(sse.newEventBuilder()
                                    .name(name.apply(item))
                                    .data(item)
                                    .build()),
                            emitter::fail,
                            emitter::complete));
        });
    }
}
