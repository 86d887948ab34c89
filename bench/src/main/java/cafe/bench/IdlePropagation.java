package cafe.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On an idle system, one order at a time: how long after its 201 the barista's queue has the ticket
 * and the status view knows the order, in whatever state (polled every 2 ms): with auto-brew on, a view that
 * learns of an order late may learn of its brewing at once, and never show it PLACED.
 */
final class IdlePropagation {

    private static final Pattern ORDER_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Milliseconds from 201 to each place, sorted. */
    record Result(List<Double> toTicketMs, List<Double> toViewMs) {

        static double median(List<Double> sorted) {
            return sorted.get(sorted.size() / 2);
        }

        static double worst(List<Double> sorted) {
            return sorted.get(sorted.size() - 1);
        }
    }

    /** Orders of {@code customer}'s first customer, followed with its token and {@code baristaToken}. */
    static Result measure(
            String orders, String barista, String status, int count, Customers customer, String baristaToken)
            throws Exception {
        String customerBearer = customer.bearer(0);
        String baristaBearer = "Bearer " + baristaToken;
        List<Double> toTicket = new ArrayList<>();
        List<Double> toView = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> placed = HTTP.send(
                    HttpRequest.newBuilder(URI.create(orders + "/orders"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", customerBearer)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"customerId\":\"" + customer.id(0) + "\",\"menuId\":1,\"qty\":1}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long at = System.nanoTime();
            Matcher id = ORDER_ID.matcher(placed.body());
            if (placed.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("order not placed: " + placed.statusCode() + " " + placed.body());
            }
            String orderId = id.group(1);
            boolean ticket = false;
            boolean view = false;
            long deadline = at + TimeUnit.SECONDS.toNanos(30);
            while ((!ticket || !view) && System.nanoTime() < deadline) {
                if (!ticket
                        && get(barista + "/tickets?orderId=" + orderId, baristaBearer)
                                .body()
                                .contains(orderId)) {
                    ticket = true;
                    toTicket.add((System.nanoTime() - at) / 1e6);
                }
                if (!view
                        && get(status + "/order-status/" + orderId, customerBearer)
                                        .statusCode()
                                == 200) {
                    view = true;
                    toView.add((System.nanoTime() - at) / 1e6);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        }
        toTicket.sort(Double::compare);
        toView.sort(Double::compare);
        return new Result(toTicket, toView);
    }

    /** A refused token fails the measurement instead of reading as "not there yet". */
    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", bearer)
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IllegalStateException(
                    url + " refused the token: " + response.statusCode() + " " + response.body());
        }
        return response;
    }
}
