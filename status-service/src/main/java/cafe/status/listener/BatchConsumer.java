package cafe.status.listener;

import cafe.messaging.ResumeOnContext;
import cafe.messaging.inbox.EventConsumer;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.status.OrderStatusService;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Applies one poll of a channel's records in one transaction, with the failure semantics platform/messaging's
 * {@link EventConsumer} gives a single record:
 *
 * <ul>
 *   <li>the readable ones are applied together, in one transaction;
 *   <li>should that fail, for whatever reason, they are applied again one at a time through EventConsumer,
 *       which retries a failure that passes (the database restarting) until the event is applied, and
 *       dead-letters only an event that can never be (data the database refuses), so one poison record
 *       neither dead-letters nor holds back the good ones of its batch;
 *   <li>then a record that is no readable event is dead-lettered alone, through EventConsumer: only once
 *       the others are applied, since its dead letter acknowledges it and so may commit its offset.
 * </ul>
 *
 * The batch itself is never nacked: SmallRye's dead-letter strategy would send every record of it to the
 * dead-letter topic. It is acknowledged, which commits the latest offset of each of its partitions, once
 * every record is applied or dead-lettered; the records themselves are not acknowledged one by one.
 */
@ApplicationScoped
class BatchConsumer {

    private final OrderStatusService statuses;
    private final Tracer tracer;

    BatchConsumer(OrderStatusService statuses, Tracer tracer) {
        this.statuses = statuses;
        this.tracer = tracer;
    }

    Uni<Void> consume(String channel, KafkaRecordBatch<String, String> batch) {
        List<Message<String>> readable = new ArrayList<>();
        List<ReceivedEvent> events = new ArrayList<>();
        List<Message<String>> unreadable = new ArrayList<>();
        for (Message<String> record : batch.getRecords()) {
            // acknowledged with the batch, not alone; a nack still goes to the record (its dead letter)
            Message<String> held = record.withAck(() -> CompletableFuture.completedFuture(null));
            try {
                events.add(ReceivedEvent.of(held));
                readable.add(held);
            } catch (RuntimeException unreadableRecord) {
                unreadable.add(held);
            }
        }
        Metrics.summary("cafe.status.batch.events", "channel", channel).record(events.size());
        // the unreadable ones last: a dead letter acknowledges its record, and should that be the latest of
        // its partition, the committed offset would pass readable records not applied yet
        return together(channel, readable, events)
                .onFailure()
                .recoverWithUni(failure -> {
                    Log.warnf(
                            "A batch of %d events from %s was not applied as one (%s): applying them one at a time",
                            events.size(), channel, failure.toString());
                    Metrics.counter("cafe.status.batch.split", "channel", channel)
                            .increment();
                    return oneAtATime(readable);
                })
                .chain(() -> oneAtATime(unreadable))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** Each record as a channel without batches takes it: applied, retried, or dead-lettered. */
    private Uni<Void> oneAtATime(List<Message<String>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Function<ReceivedEvent, Uni<Void>> applyOne =
                event -> statuses.apply(event).replaceWithVoid();
        return Multi.createFrom()
                .iterable(records)
                .onItem()
                .transformToUniAndConcatenate(record -> EventConsumer.consume(record, applyOne))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * The events in one transaction, under a span of its own: a child of the first record's trace, linked
     * to the trace of every record, so each event's trace still leads to the work done for it.
     */
    private Uni<Void> together(String channel, List<Message<String>> records, List<ReceivedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Context> traces = records.stream()
                .map(record -> TracingMetadata.fromMessage(record)
                        .map(TracingMetadata::getCurrentContext)
                        .orElse(null))
                .filter(trace -> trace != null)
                .toList();
        Context parent = traces.isEmpty() ? Context.current() : traces.get(0);
        SpanBuilder builder = tracer.spanBuilder(channel + " apply batch")
                .setParent(parent)
                .setAttribute("messaging.batch.message_count", (long) events.size());
        traces.forEach(trace -> builder.addLink(Span.fromContext(trace).getSpanContext()));
        Span span = builder.startSpan();
        return ResumeOnContext.isolated(parent.with(span), () -> statuses.applyAll(events))
                .onTermination()
                .invoke(span::end)
                .replaceWithVoid();
    }
}
