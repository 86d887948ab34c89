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
}
