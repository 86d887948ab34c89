package cafe.messaging.inbox;

import cafe.events.UnknownEventException;
import cafe.messaging.ResumeOnContext;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Runs a consumer's work for one Kafka message and acknowledges it: a transient failure is retried
 * with backoff; what still fails, or cannot be read at all, is nacked, which the channel's
 * dead-letter-queue strategy sends to {@code <topic>-dlq} with the error in its headers.
 */
public final class EventConsumer {

    private EventConsumer() {}

    public static Uni<Void> consume(Message<String> message, Function<ReceivedEvent, Uni<Void>> work) {
        // the connector's consumer span, a child of the producer span whose traceparent came in the headers
        Context trace = TracingMetadata.fromMessage(message)
                .map(TracingMetadata::getCurrentContext)
                .orElseGet(Context::current);
        return Uni.createFrom()
                .item(() -> ReceivedEvent.of(message))
                .chain(event -> ResumeOnContext.isolated(trace, () -> work.apply(event))
                        .onFailure(failure -> !(failure instanceof UnknownEventException))
                        .retry()
                        .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2))
                        .atMost(3))
                .onItemOrFailure()
                .transformToUni((done, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    Log.errorf("Event sent to the dead-letter topic: %s", failure.getMessage());
                    Metrics.counter("cafe.events.dead.lettered").increment();
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }
}
