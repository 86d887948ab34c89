package cafe.messaging.inbox;

import cafe.messaging.ResumeOnContext;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Runs a consumer's work for one Kafka message and acknowledges it. An event that can never be applied
 * (see {@link Poison}) is nacked at once, which the channel's dead-letter-queue strategy sends to
 * the service's dead-letter topic with the reason in its headers, where the replay finds it. A failure
 * that passes (a database that is restarting, a lock timeout) is retried with backoff until it succeeds:
 * the record is not acknowledged meanwhile, so nothing behind it on its partition overtakes it and nothing
 * is lost. A bug ({@link Poison#isABug}) is tried {@code cafe.events.bug-attempts} times (30), then
 * dead-lettered, so it cannot hold the partition, and restart the pod, for good.
 */
public final class EventConsumer {

    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private EventConsumer() {}

    public static Uni<Void> consume(Message<String> message, Function<ReceivedEvent, Uni<Void>> work) {
        // the connector's consumer span, a child of the producer span whose traceparent came in the headers
        Context trace = TracingMetadata.fromMessage(message)
                .map(TracingMetadata::getCurrentContext)
                .orElseGet(Context::current);
        AtomicInteger bugs = new AtomicInteger();
        Predicate<Throwable> worthRetrying = failure -> !Poison.is(failure) && bugs.get() < bugAttempts();
        return Uni.createFrom()
                .item(() -> ReceivedEvent.of(message))
                .chain(event -> ResumeOnContext.isolated(trace, () -> work.apply(event))
                        .onFailure(Poison::isABug)
                        .invoke(bugs::incrementAndGet)
                        .onFailure(worthRetrying)
                        .invoke(failure -> retrying(event, failure))
                        .onFailure(worthRetrying)
                        .retry()
                        .withBackOff(FIRST_RETRY, LONGEST_WAIT)
                        .indefinitely())
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

    private static int bugAttempts() {
        return ConfigProvider.getConfig()
                .unwrap(SmallRyeConfig.class)
                .getConfigMapping(EventsConfig.class)
                .bugAttempts();
    }

    private static void retrying(ReceivedEvent event, Throwable failure) {
        Metrics.counter("cafe.events.retried").increment();
        Log.warnf("Event %s (%s) not applied yet, retrying: %s", event.id(), event.type(), failure.toString());
    }
}
