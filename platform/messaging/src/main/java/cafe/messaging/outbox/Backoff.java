package cafe.messaging.outbox;

import java.time.Duration;

/** Exponential backoff between failed publish runs, reset by the first success. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration current;
    private long notBefore;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.current = Duration.ZERO;
    }

    synchronized boolean due() {
        return System.nanoTime() >= notBefore;
    }

    synchronized Duration failed() {
        current = current.isZero() ? initial : min(current.multipliedBy(2), max);
        notBefore = System.nanoTime() + current.toNanos();
        return current;
    }

    synchronized void reset() {
        current = Duration.ZERO;
        notBefore = 0;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
