package cafe.order;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Orders;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The trace of an order leaves order-service in the outbox row and, from there, in the Kafka record's headers. */
@QuarkusTest
@TestProfile(Traced.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class TracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theRequestThePaymentCallTheOutboxRowAndTheKafkaRecordShareOneTrace() {
        String traceId = randomHex(16);
        String orderId = Orders.place(
                Tokens.asCustomer("traced").header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01"),
                "{\"customerId\":\"traced\",\"menuId\":1,\"qty\":1}");

        SpanData request = awaitSpan(traceId, SpanKind.SERVER);
        SpanData paymentCall = awaitSpan(traceId, SpanKind.CLIENT, "POST /payments");
        assertThat(paymentCall.getParentSpanId(), equalTo(request.getSpanId()));
        assertThat(
                "the outbox row carries the request's trace",
                Sql.number(
                        "orders",
                        "select count(*) from outbox_event where aggregate_id = ? and trace_parent = ?",
                        orderId,
                        "00-" + traceId + "-" + request.getSpanId() + "-01"),
                equalTo(1L));

        SpanData publish = awaitSpan(traceId, SpanKind.PRODUCER);
        assertThat(
                "the relay publishes under the request's span",
                publish.getParentSpanId(),
                equalTo(request.getSpanId()));
        List<ConsumerRecord<String, String>> records =
                KafkaEvents.await("cafe-orders", record -> record.key().equals(orderId), Duration.ofSeconds(20));
        assertThat(records, hasSize(1));
        assertThat(
                "consumers continue from the producer span",
                KafkaEvents.header(records.get(0), "traceparent"),
                equalTo("00-" + traceId + "-" + publish.getSpanId() + "-01"));
    }

    private SpanData awaitSpan(String traceId, SpanKind kind, String... name) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(span -> span.getTraceId().equals(traceId) && span.getKind() == kind)
                                .filter(span ->
                                        name.length == 0 || span.getName().equals(name[0]))
                                .findFirst()
                                .orElse(null),
                        span -> span != null);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
