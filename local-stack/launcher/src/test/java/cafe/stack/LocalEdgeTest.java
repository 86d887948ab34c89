package cafe.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local edge routes as deploy/platform's HTTPRoute says, streams answers, and never lets internal paths through. */
class LocalEdgeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final CountDownLatch firstEventRead = new CountDownLatch(1);
    private final AtomicBoolean readBeforeTheSecondWasSent = new AtomicBoolean();
    private HttpServer backend;
    private LocalEdge edge;
    private int edgePort;

    @BeforeEach
    void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        backend.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                                + exchange.getRequestHeaders().getFirst("Authorization"))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        backend.createContext("/order-status/1/stream", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                readBeforeTheSecondWasSent.set(firstEventRead.await(10, TimeUnit.SECONDS));
                out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        backend.start();
        int port = backend.getAddress().getPort();
        edgePort = Ports.freePort();
        List<LocalEdge.Route> routes =
                LocalEdge.routes(StackSettings.projectRoot().resolve("deploy/platform/gateway.yaml"));
        edge = LocalEdge.start(
                edgePort, routes, Map.of("order-service", port, "barista-service", port, "status-service", port));
    }

    @AfterEach
    void stop() {
        edge.close();
        backend.stop(0);
    }

    @Test
    void theRouteTableIsTheGatewaysHttpRoute() {
        List<LocalEdge.Route> routes = LocalEdge.routes(LocalEdge.gatewayManifest());

        assertTrue(routes.contains(new LocalEdge.Route(true, "/", "order-service")));
        assertTrue(routes.contains(new LocalEdge.Route(false, "/orders", "order-service")));
        assertTrue(routes.contains(new LocalEdge.Route(false, "/tickets", "barista-service")));
        assertTrue(routes.contains(new LocalEdge.Route(false, "/order-status", "status-service")));
        assertTrue(routes.stream().noneMatch(route -> route.service().equals("payment-service")));
    }

    @Test
    void aRequestReachesItsServiceWithItsQueryAndToken() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(edge("/orders/7?page=1"))
                        .header("Authorization", "Bearer t")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("GET /orders/7?page=1 Bearer t", response.body());
    }

    @Test
    void onlyTheExactRootIsThePageAndNoOtherPathFallsThrough() throws Exception {
        assertEquals(200, status("/"));
        assertEquals(404, status("/anything-else"));
        assertEquals(404, status("/ordersx"));
    }

    @Test
    void internalPathsAreNeverRoutedEvenByARouteThatWouldTakeEverything() throws Exception {
        edge.close();
        edge = LocalEdge.start(
                edgePort,
                List.of(new LocalEdge.Route(false, "/", "order-service")),
                Map.of("order-service", backend.getAddress().getPort()));

        for (String path : List.of("/payments", "/events", "/admin/dead-letters", "/q/health", "/q")) {
            HttpResponse<String> response =
                    HTTP.send(HttpRequest.newBuilder(edge(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode(), path);
            assertEquals(
                    "application/problem+json",
                    response.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(200, status("/menu"));
    }

    @Test
    void noSpellingOfAnInternalPathGetsThroughTheRoutes() throws Exception {
        for (String path : List.of(
                "/order-status/../admin/view/rebuild",
                "/orders/%2e%2e/admin/dead-letters",
                "/orders/7/%2E%2E/%2e%2e/q/health",
                "/tickets/./../admin/dead-letters/replay",
                "/orders/7/../../events",
                "/orders/..//payments",
                "/%61dmin/dead-letters",
                "//admin/dead-letters")) {
            assertEquals(404, status(path), path);
        }
    }

    @Test
    void aPathWithoutASingleMeaningIsRefused() throws Exception {
        for (String path : List.of(
                "/orders/%2f..%2fadmin",
                "/orders/%2F7",
                "/orders/..%5cadmin/dead-letters",
                "/orders/..;/admin/dead-letters",
                "/orders;v=1/7",
                "/../orders")) {
            HttpResponse<String> response =
                    HTTP.send(HttpRequest.newBuilder(edge(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), path);
            assertEquals(
                    "application/problem+json",
                    response.headers().firstValue("Content-Type").orElse(""),
                    path);
        }
    }

    @Test
    void theServiceGetsThePathTheEdgeMatched() throws Exception {
        for (String path : List.of("/orders//x/../7?page=1", "/%6Frders/./7?page=1", "/orders/7/?page=1/..")) {
            HttpResponse<String> response =
                    HTTP.send(HttpRequest.newBuilder(edge(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path);
            assertTrue(
                    response.body().startsWith("GET /orders/7"), path + " reached the service as " + response.body());
        }
    }

    @Test
    void aStreamsEventsArriveAsTheServiceSendsThem() throws Exception {
        HttpResponse<java.io.InputStream> response = HTTP.send(
                HttpRequest.newBuilder(edge("/order-status/1/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertEquals("data: first", events.readLine()); // before the service sends its second event
            firstEventRead.countDown();
            events.readLine();
            assertEquals("data: second", events.readLine());
        }
        assertTrue(readBeforeTheSecondWasSent.get(), "the first event was held back until the stream went on");
    }

    private int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(edge(path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private URI edge(String path) {
        return URI.create("http://localhost:" + edgePort + path);
    }
}
