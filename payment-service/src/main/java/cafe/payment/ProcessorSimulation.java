package cafe.payment;

import cafe.payment.config.PaymentConfig;
import cafe.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Makes payment behave like a real processor: it approves a charge up to an amount and declines above it,
 * and when configured to, it takes time, fails now and then, and turns work away beyond a number of
 * concurrent charges.
 */
@ApplicationScoped
public class ProcessorSimulation {

    private final PaymentConfig config;
    private final AtomicInteger inFlight = new AtomicInteger();

    ProcessorSimulation(PaymentConfig config) {
        this.config = config;
    }

    /** The processor's answer to a charge of this amount: declined above {@code cafe.payment.decline-above}. */
    public PaymentStatus decide(long amount) {
        return amount > config.declineAbove() ? PaymentStatus.DECLINED : PaymentStatus.APPROVED;
    }

    public <T> Uni<T> process(Supplier<Uni<T>> charge) {
        if (inFlight.incrementAndGet() > config.maxConcurrentCharges()) {
            inFlight.decrementAndGet();
            return Uni.createFrom()
                    .failure(new ProblemException(
                            429,
                            "Too Many Requests",
                            "The payment processor is at capacity; try again shortly",
                            java.util.Map.of(),
                            Duration.ofSeconds(1)));
        }
        Uni<Void> latency = config.latency().isZero()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(config.latency());
        return latency.chain(() -> ThreadLocalRandom.current().nextDouble() < config.failureRate()
                        ? Uni.createFrom()
                                .failure(ProblemException.unavailable(
                                        "The payment processor failed", Duration.ofSeconds(1)))
                        : charge.get())
                .onTermination()
                .invoke(inFlight::decrementAndGet);
    }
}
