package cafe.messaging.inbox;

import io.smallrye.mutiny.Uni;

/**
 * What a service does with an incoming event, whichever way it came: from a Kafka channel, or as a
 * CloudEvent over HTTP from Knative Eventing. Events of types it does not handle are ignored.
 */
public interface EventHandler {

    Uni<Void> apply(ReceivedEvent event);
}
