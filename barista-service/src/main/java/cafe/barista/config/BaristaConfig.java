package cafe.barista.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the barista works. */
@ConfigMapping(prefix = "cafe.barista")
public interface BaristaConfig {

    /** When on, tickets are started and finished without a person, for demos and benchmarks. */
    @WithDefault("false")
    boolean autoBrew();

    /** How long the automatic barista takes to brew one ticket. */
    @WithDefault("3s")
    Duration brewTime();
}
