package cafe.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged services log in the prod profile: one JSON object per line, one line per business event
 * naming the order (and, with tracing on, the trace), and no stack trace for a client's mistake.
 */
class LogsIT {

    private final RunningSystem system = RunningSystem.shared();
    private final Cafe cafe = new Cafe(system);

    @Test
    void aBusinessEventIsOneJsonLineWithTheOrderIdAndTheTraceId() {
        String orderId = cafe.placeOrder("c-logs");

        JsonPath placed = await().atMost(Cafe.EVENTUALLY)
                .until(
                        () -> lines("order-service", 0).stream()
                                .filter(line -> line.contains("order " + orderId + " placed"))
                                .findFirst()
                                .map(JsonPath::from)
                                .orElse(null),
                        line -> line != null);
        assertThat(placed.getString("level"), equalTo("INFO"));
        assertThat(placed.getString("loggerName"), equalTo("cafe.order.OrderService"));
        assertThat(placed.getString("mdc.traceId"), matchesPattern("[0-9a-f]{32}"));

        JsonPath queued = await().atMost(Cafe.EVENTUALLY)
                .until(
                        () -> lines("barista-service", 0).stream()
                                .filter(line -> line.contains("order " + orderId + " queued"))
                                .findFirst()
                                .map(JsonPath::from)
                                .orElse(null),
                        line -> line != null);
        assertThat(
                "the barista's line belongs to the same trace",
                queued.getString("mdc.traceId"),
                equalTo(placed.getString("mdc.traceId")));
    }

    @Test
    void clientErrorsAreAnsweredWithoutAStackTraceInTheLog() {
        long from = length("order-service");
        String orders = system.url("order-service") + "/orders";
        Cafe.asCustomer("c")
                .contentType(ContentType.JSON)
                .body("{\"customerId\":")
                .when()
                .post(orders)
                .then()
                .statusCode(400);
        Cafe.asCustomer("c")
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"c\",\"menuId\":1,\"qty\":0}")
                .when()
                .post(orders)
                .then()
                .statusCode(400);
        Cafe.asCustomer("c")
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"c\",\"menuId\":\"one\",\"qty\":1}")
                .when()
                .post(orders)
                .then()
                .statusCode(400);
        Cafe.asCustomer("c").when().get(orders + "/" + UUID.randomUUID()).then().statusCode(404);
        Cafe.asCustomer("c")
                .when()
                .post(orders + "/" + UUID.randomUUID() + "/cancel")
                .then()
                .statusCode(404);
        Cafe.asCustomer("c").when().get(orders + "/not-an-id").then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{\"menuId\":1,\"qty\":1}")
                .when()
                .post(orders)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2("not-a-token")
                .when()
                .get(orders + "/" + UUID.randomUUID())
                .then()
                .statusCode(401);
        Cafe.asCustomer("c")
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"someone-else\",\"menuId\":1,\"qty\":1}")
                .when()
                .post(orders)
                .then()
                .statusCode(403);
        Cafe.asBarista()
                .contentType(ContentType.JSON)
                .body("{\"menuId\":1,\"qty\":1}")
                .when()
                .post(orders)
                .then()
                .statusCode(403);
        String marker = cafe.placeOrder("c-after-client-errors");
        await().atMost(Cafe.EVENTUALLY)
                .until(() -> lines("order-service", from).stream().anyMatch(line -> line.contains(marker)));

        List<String> window = lines("order-service", from);
        assertThat(
                "one JSON object per line",
                window.stream().filter(line -> !line.matches("^\\{.*\\}$")).toList(),
                empty());
        assertThat(
                window.stream()
                        .filter(line -> JsonPath.from(line).get("exception") != null)
                        .toList(),
                empty());
    }

    private long length(String service) {
        return log(service).toFile().length();
    }

    private Path log(String service) {
        return system.process(service).log();
    }

    /** The complete lines of a service's log from a byte offset on. */
    private List<String> lines(String service, long from) {
        try (RandomAccessFile file = new RandomAccessFile(log(service).toFile(), "r")) {
            file.seek(from);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            List<String> lines =
                    Arrays.asList(text.substring(0, text.lastIndexOf('\n') + 1).split("\n"));
            return lines.stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
