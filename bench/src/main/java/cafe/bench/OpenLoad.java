package cafe.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-model load, as wrk2 does it: requests leave at a fixed arrival rate whatever the server does,
 * and each latency is measured from the moment the request was due, not from when it could be sent.
 * A slow server therefore shows up in the latency, instead of quietly lowering the load
 * (no coordinated omission).
 */
final class OpenLoad {

    private static final Pattern ORDER_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(4))
            .build();
    private final URI orders;
    private final Customers customers;

    /** Orders of {@code customers} in turn, each with its customer's token. */
    OpenLoad(String orderServiceUrl, Customers customers) {
        this.orders = URI.create(orderServiceUrl + "/orders");
        this.customers = customers;
    }

    /** What one step at one rate produced. */
    record Result(
            int offeredRate,
            long sent,
            double seconds,
            Histogram latencyMicros,
            Map<String, Long> byStatus,
            Map<String, Long> placedAtMillis) {

        long ok() {
            return byStatus.getOrDefault("201", 0L);
        }

        long errors() {
            return sent - ok();
        }

        double achievedRate() {
            return ok() / seconds;
        }
    }

    Result run(int rate, Duration duration) throws InterruptedException {
        long count = rate * duration.toSeconds();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
        Map<String, Long> placed = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch((int) count);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (long i = 0; i < count; i++) {
            long due = start + i * interval;
            LockSupport.parkNanos(due - System.nanoTime());
            client.sendAsync(request(i), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due)));
                String status =
                        failure != null ? failure.getClass().getSimpleName() : Integer.toString(response.statusCode());
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                if (failure == null && response.statusCode() == 201) {
                    Matcher id = ORDER_ID.matcher(response.body());
                    if (id.find()) {
                        placed.put(id.group(1), System.currentTimeMillis());
                    }
                }
                done.countDown();
            });
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            System.out.printf(
                    "load: %d of %d requests still unanswered 60 s after the last was sent (%d placed so far)%n",
                    done.getCount(), count, placed.size());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        statuses.forEach((status, n) -> byStatus.put(status, n.get()));
        return new Result(rate, count, seconds, latency, byStatus, placed);
    }

    private HttpRequest request(long i) {
        String body = "{\"customerId\":\"" + customers.id(i) + "\",\"menuId\":" + (1 + i % 6) + ",\"qty\":"
                + (1 + i % 3) + "}";
        return HttpRequest.newBuilder(orders)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", customers.bearer(i))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
