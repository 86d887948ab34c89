package cafe.messaging.inbox;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The consumer every service with an inbox has: an event it handles is applied once, in one transaction
 * with the record of its id, whether it came from a Kafka channel or over HTTP; other types are ignored
 * and leave no record. A subclass names its {@link EventEffects} and declares its {@code @Incoming}
 * channel with a method that calls {@link #deliver(Message)}. Subclasses are {@code @Singleton} beans:
 * they need no client proxy.
 */
public abstract class InboxConsumer implements EventHandler {

    private final Inbox inbox;
    private final EventEffects effects;

    protected InboxConsumer(Inbox inbox, EventEffects effects) {
        this.inbox = inbox;
        this.effects = effects;
    }

    @Override
    public Uni<Void> apply(ReceivedEvent event) {
        return effects.effectOf(event.payload())
                .map(effect -> inbox.applyOnce(event, received -> effect.apply(received.payload())))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** Applies one Kafka message and acknowledges it (see {@link EventConsumer}). */
    protected Uni<Void> deliver(Message<String> message) {
        return EventConsumer.consume(message, this::apply);
    }
}
