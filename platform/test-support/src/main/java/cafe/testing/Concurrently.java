package cafe.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Runs the same call from many threads released at once, the way a retrying client's duplicates arrive. */
public final class Concurrently {

    private Concurrently() {}

    public static <T> List<T> run(int times, Supplier<T> call) {
        ExecutorService threads = Executors.newFixedThreadPool(times);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<T>> calls = IntStream.range(0, times)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    start.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                return call.get();
                            },
                            threads))
                    .toList();
            start.countDown();
            return calls.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdown();
        }
    }
}
