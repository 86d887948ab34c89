package cafe.messaging.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The inbox of a service: the record of each event it applied, and its purge. */
@ConfigMapping(prefix = "cafe.inbox")
public interface InboxConfig {

    /** Whether the service has an inbox at all; read at build time, so the beans are left out without one. */
    @WithDefault("true")
    boolean enabled();

    /** How long the record of an applied event is kept: longer than any redelivery can come. */
    @WithDefault("P30D")
    Duration retention();

    /** Rows one purge statement deletes. */
    @WithDefault("10000")
    int purgeBatch();

    /** How often the purge runs. */
    @WithDefault("10m")
    String purgeEvery();
}
