package cafe.status.rest;

import cafe.problem.ProblemException;
import cafe.status.StatusConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live streams each caller has open on this replica, at most cafe.status.streams-per-caller: one
 * token cannot hold the memory and connections every other customer's streams need.
 */
@ApplicationScoped
class StreamsPerCaller {

    /** Streams end at a final state or their lifetime; a page that asks again this much later usually gets one. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    private final StatusConfig config;

    StreamsPerCaller(StatusConfig config) {
        this.config = config;
    }

    /** Counts one more stream for the caller, or refuses it (429); running what it returns gives it back. */
    Runnable open(String caller) {
        int limit = config.streamsPerCaller();
        AtomicBoolean admitted = new AtomicBoolean();
        open.compute(caller, (who, streams) -> {
            int counted = streams == null ? 0 : streams;
            admitted.set(counted < limit);
            return admitted.get() ? counted + 1 : counted;
        });
        if (!admitted.get()) {
            throw ProblemException.tooMany(
                    "You have " + limit + " live streams open, the most one caller may: close one, or try again later",
                    RETRY_AFTER);
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                open.computeIfPresent(caller, (who, streams) -> streams == 1 ? null : streams - 1);
            }
        };
    }
}
