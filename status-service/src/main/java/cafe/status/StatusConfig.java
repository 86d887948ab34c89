package cafe.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the status view. */
@ConfigMapping(prefix = "cafe.status")
public interface StatusConfig {

    /** How long a live stream waits for an order the view does not know yet before it ends. */
    @WithDefault("30s")
    Duration streamWaitForUnknown();

    /** How often a live stream sends a comment, so proxies and clients see that an idle stream is alive. */
    @WithDefault("15s")
    Duration streamKeepAlive();

    /** How long a live stream may stay open; then it ends and the client opens a new one. */
    @WithDefault("30m")
    Duration streamMaxLifetime();

    /** How many live streams one caller may have open at once; one more is refused with 429. */
    @WithDefault("20")
    int streamsPerCaller();

    /** How long to wait before connecting again when the LISTEN connection for view changes fails or drops. */
    @WithDefault("1s")
    Duration listenRetry();

    /** How often the LISTEN connection hears a heartbeat; after two missed, it is replaced. */
    @WithDefault("15s")
    Duration listenHeartbeat();
}
