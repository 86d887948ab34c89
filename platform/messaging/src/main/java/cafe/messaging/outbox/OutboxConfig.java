package cafe.messaging.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;

/** The outbox of a service: its relay to Kafka, the health check on its backlog, and its purge. */
@ConfigMapping(prefix = "cafe.outbox")
public interface OutboxConfig {

    /** Whether the service has an outbox at all; read at build time, so the beans are left out without one. */
    @WithDefault("true")
    boolean enabled();

    /** The relay's settings, cafe.outbox.* like the others. */
    @WithParentName
    Relay relay();

    /** How old the oldest unpublished event may be before the outbox health check is DOWN. */
    @WithDefault("PT5M")
    Duration maxAge();

    /** How often the backlog gauges are measured. */
    @WithDefault("10s")
    String backlogEvery();

    /** How long a published event is kept. */
    @WithDefault("P7D")
    Duration retention();

    /** Rows one purge statement deletes. */
    @WithDefault("10000")
    int purgeBatch();

    /** How often the purge runs. */
    @WithDefault("10m")
    String purgeEvery();

    /** How the relay publishes: {@link OutboxRelay}. */
    interface Relay {

        /** Events the relay publishes per batch. */
        @WithDefault("500")
        int batchSize();

        /** How often the relay looks for events it was not told of (a lost notification, another replica's lead). */
        @WithDefault("PT1S")
        Duration sweepInterval();

        /** The longest the relay waits before trying Kafka again. */
        @WithDefault("PT10S")
        Duration maxBackoff();

        /** How long a batch may wait for Kafka's acknowledgements before it is tried again. */
        @WithDefault("PT30S")
        Duration batchDeadline();

        /** How often the leader asks its connection whether it still holds the lead. */
        @WithDefault("PT5S")
        Duration leadCheck();
    }
}
