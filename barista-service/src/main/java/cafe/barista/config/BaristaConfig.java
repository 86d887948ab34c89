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

    /** The live board: see {@link Board}. */
    Board board();

    interface Board {

        /** How many tickets of each state (queued, brewing, ready) the board shows, oldest first. */
        @WithDefault("100")
        int perState();

        /** How often a board stream sends a comment, so proxies and clients see that an idle stream is alive. */
        @WithDefault("15s")
        Duration keepAlive();

        /** How long a board stream may stay open; then it ends and the board opens a new one. */
        @WithDefault("30m")
        Duration maxLifetime();

        /** How long to wait before connecting again when the LISTEN connection for ticket changes fails or drops. */
        @WithDefault("1s")
        Duration listenRetry();

        /** How often the LISTEN connection hears a heartbeat; after two missed, it is replaced. */
        @WithDefault("15s")
        Duration listenHeartbeat();
    }
}
