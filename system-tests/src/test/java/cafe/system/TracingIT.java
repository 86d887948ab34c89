package cafe.system;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import cafe.system.TraceCollector.CollectedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.restassured.http.ContentType;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One trace follows an order: the customer's request, the payment call, the outbox, Kafka and every
 * consumer of the event, in all four services, as exported over OTLP.
 */
class TracingIT {

    private final RunningSystem system = RunningSystem.shared();

    @Test
    void anOrderIsOneTraceFromTheRequestThroughPaymentOutboxAndKafkaToEveryConsumer() {
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        Cafe.asCustomer("c-traced")
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"c-traced\",\"menuId\":1,\"qty\":1}")
                .when()
                .post(system.url("order-service") + "/orders")
                .then()
                .statusCode(201);

        List<CollectedSpan> trace = await().atMost(Cafe.EVENTUALLY)
                .until(
                        () -> system.traces().trace(traceId),
                        // every span this test asserts on: the producer's span ends, and is exported, only when
                        // Kafka acknowledges, so it may arrive after the consumers' spans
                        spans -> consumers(spans)
                                        .containsAll(List.of("payment-service", "barista-service", "status-service"))
                                && spans.stream().anyMatch(TracingIT::baristaQueuesTheTicket)
                                && spans.stream()
                                        .anyMatch(span -> span.service().equals("order-service")
                                                && span.kind() == SpanKind.SPAN_KIND_PRODUCER));
        Map<String, CollectedSpan> byId =
                trace.stream().collect(Collectors.toMap(CollectedSpan::spanId, Function.identity()));

        CollectedSpan request = only(trace, "order-service", SpanKind.SPAN_KIND_SERVER);
        assertThat("the request continues the caller's trace", request.parentSpanId(), equalTo(callerSpanId));

        CollectedSpan charge = only(trace, "payment-service", SpanKind.SPAN_KIND_SERVER);
        CollectedSpan paymentCall = byId.get(charge.parentSpanId());
        assertThat(
                "payment is called by order-service within the request",
                paymentCall.service(),
                equalTo("order-service"));
        assertThat(paymentCall.kind(), equalTo(SpanKind.SPAN_KIND_CLIENT));
        assertThat(ancestors(paymentCall, byId), hasItem(request.spanId()));

        CollectedSpan publish = only(trace, "order-service", SpanKind.SPAN_KIND_PRODUCER);
        assertThat(
                "the relay publishes in the trace of the request that wrote the outbox row",
                ancestors(publish, byId),
                hasItem(request.spanId()));
        List<String> consumedFromThatRecord = trace.stream()
                .filter(span -> span.kind() == SpanKind.SPAN_KIND_CONSUMER
                        && span.parentSpanId().equals(publish.spanId()))
                .map(CollectedSpan::service)
                .toList();
        assertThat(
                "every consumer continues from the Kafka record's headers",
                consumedFromThatRecord,
                hasItems("payment-service", "barista-service", "status-service"));

        CollectedSpan ticketInsert = trace.stream()
                .filter(TracingIT::baristaQueuesTheTicket)
                .findFirst()
                .orElseThrow();
        assertThat(
                "the consumer's database work is part of the trace",
                byId.get(ticketInsert.parentSpanId()).kind(),
                equalTo(SpanKind.SPAN_KIND_CONSUMER));
    }

    @Test
    void aCancellationIsOneTraceThroughTheRefundAndTheEventThatReportsIt() {
        String orderId = new Cafe(system).placeOrder("c-traced-cancel");
        String traceId = randomHex(16);
        Cafe.asCustomer("c-traced-cancel")
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .when()
                .post(system.url("order-service") + "/orders/" + orderId + "/cancel")
                .then()
                .statusCode(202);

        List<CollectedSpan> trace = await().atMost(Cafe.EVENTUALLY)
                .until(() -> system.traces().trace(traceId), TracingIT::refundChainExported);
        Map<String, CollectedSpan> byId =
                trace.stream().collect(Collectors.toMap(CollectedSpan::spanId, Function.identity()));

        CollectedSpan refundReported = trace.stream()
                .filter(span ->
                        span.service().equals("status-service") && span.name().startsWith("cafe-payments"))
                .findFirst()
                .orElseThrow();
        CollectedSpan refundPublished = byId.get(refundReported.parentSpanId());
        assertThat(refundPublished.service(), equalTo("payment-service"));
        assertThat(refundPublished.kind(), equalTo(SpanKind.SPAN_KIND_PRODUCER));
        CollectedSpan cancellationConsumed = byId.get(refundPublished.parentSpanId());
        assertThat(
                "payment's outbox row carries the trace of the event it consumed",
                cancellationConsumed.kind(),
                equalTo(SpanKind.SPAN_KIND_CONSUMER));
        CollectedSpan cancellationPublished = byId.get(cancellationConsumed.parentSpanId());
        assertThat(cancellationPublished.service(), equalTo("order-service"));
        assertThat(
                ancestors(cancellationPublished, byId),
                hasItem(only(trace, "order-service", SpanKind.SPAN_KIND_SERVER).spanId()));
    }

    /** The status consumer's span of the refund and its three ancestors have all arrived (they end at different times). */
    private static boolean refundChainExported(List<CollectedSpan> spans) {
        Map<String, CollectedSpan> byId = new java.util.HashMap<>();
        spans.forEach(span -> byId.put(span.spanId(), span));
        CollectedSpan span = spans.stream()
                .filter(s -> s.service().equals("status-service") && s.name().startsWith("cafe-payments"))
                .findFirst()
                .orElse(null);
        for (int ancestor = 0; ancestor < 3 && span != null; ancestor++) {
            span = byId.get(span.parentSpanId());
        }
        return span != null;
    }

    private static List<String> consumers(List<CollectedSpan> spans) {
        return spans.stream()
                .filter(span -> span.kind() == SpanKind.SPAN_KIND_CONSUMER)
                .map(CollectedSpan::service)
                .toList();
    }

    private static CollectedSpan only(List<CollectedSpan> trace, String service, SpanKind kind) {
        List<CollectedSpan> found = trace.stream()
                .filter(span -> span.service().equals(service) && span.kind() == kind)
                .toList();
        assertThat(service + " " + kind + " spans in " + trace, found.size(), equalTo(1));
        return found.get(0);
    }

    /** The span ids above this span, nearest first. */
    private static List<String> ancestors(CollectedSpan span, Map<String, CollectedSpan> byId) {
        return Stream.iterate(
                        Optional.ofNullable(byId.get(span.parentSpanId())),
                        Optional::isPresent,
                        parent -> Optional.ofNullable(byId.get(parent.get().parentSpanId())))
                .map(parent -> parent.get().spanId())
                .toList();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** barista's one statement that records the placed event and queues its ticket (it starts with the inbox insert). */
    private static boolean baristaQueuesTheTicket(CollectedSpan span) {
        return span.service().equals("barista-service") && span.name().startsWith("INSERT processed_event");
    }
}
