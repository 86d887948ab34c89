package cafe.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;

/** Runs reactive work in a transaction from a test thread, and waits for it. */
public final class Transactions {

    private Transactions() {}

    public static <T> T inTransaction(Supplier<Uni<T>> work) {
        return onVertx(() -> Panache.withTransaction(work));
    }

    public static <T> T onVertx(Supplier<Uni<T>> work) {
        try {
            // bounded: work that never completes fails the test instead of hanging it
            return VertxContextSupport.subscribeAndAwait(
                    () -> work.get().ifNoItem().after(Duration.ofSeconds(60)).fail());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
