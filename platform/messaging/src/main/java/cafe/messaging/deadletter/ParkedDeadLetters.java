package cafe.messaging.deadletter;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.StreamSupport;

/** Dead letters a replay set aside, with the reason, in the service's own database. Blocking calls. */
@ApplicationScoped
public class ParkedDeadLetters {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PARK = "insert into parked_dead_letter (topic, kafka_partition, kafka_offset,"
            + " event_id, event_type, payload, reason, parked_at) values ($1, $2, $3, $4, $5, $6, $7, $8)"
            + " on conflict do nothing";
    private static final String LATEST = "select topic, kafka_partition, kafka_offset, event_id, event_type, reason,"
            + " parked_at from parked_dead_letter order by parked_at desc, kafka_offset desc limit $1";
    private static final String COUNT = "select count(*) from parked_dead_letter";

    /** One parked record: where it was in the dead-letter topic, what it was, and why it was set aside. */
    public record Parked(
            String topic, int partition, long offset, String eventId, String type, String reason, Instant parkedAt) {}

    private final Pool pool;

    ParkedDeadLetters(Pool pool) {
        this.pool = pool;
    }

    void park(Parked parked, String payload) {
        pool.preparedQuery(PARK)
                .execute(Tuple.of(parked.topic(), parked.partition(), parked.offset(), parked.eventId(), parked.type())
                        .addValue(payload)
                        .addValue(parked.reason())
                        .addValue(parked.parkedAt().atOffset(ZoneOffset.UTC)))
                .await()
                .atMost(TIMEOUT);
    }

    List<Parked> latest(int limit) {
        return StreamSupport.stream(
                        pool.preparedQuery(LATEST)
                                .execute(Tuple.of(limit))
                                .await()
                                .atMost(TIMEOUT)
                                .spliterator(),
                        false)
                .map(ParkedDeadLetters::parked)
                .toList();
    }

    long count() {
        return pool.query(COUNT)
                .execute()
                .await()
                .atMost(TIMEOUT)
                .iterator()
                .next()
                .getLong(0);
    }

    private static Parked parked(Row row) {
        return new Parked(
                row.getString("topic"),
                row.getInteger("kafka_partition"),
                row.getLong("kafka_offset"),
                row.getString("event_id"),
                row.getString("event_type"),
                row.getString("reason"),
                row.getOffsetDateTime("parked_at").toInstant());
    }
}
