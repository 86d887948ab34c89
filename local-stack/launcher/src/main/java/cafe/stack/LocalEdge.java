package cafe.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * One address for the café, as the cluster's gateway gives it: routes each request by the rules of the
 * Gateway API {@code HTTPRoute} in deploy/platform/gateway.yaml (read at start, so the two cannot drift)
 * to the local service that owns it, streaming the answer (Server-Sent Events too). Paths that must
 * stay inside (payment, events, admin, management) are refused whatever the manifest says. A path is
 * resolved before it is matched ({@link EdgePath}), and the service gets the path that was matched.
 */
public final class LocalEdge implements AutoCloseable {

    /** Never routed from outside, whatever a route says. */
    public static final List<String> INTERNAL = List.of("/payments", "/events", "/admin", "/q");

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "keep-alive",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "proxy-connection");

    /** One rule: an exact path or a path prefix (whole segments), and the service it goes to. */
    public record Route(boolean exact, String path, String service) {

        boolean matches(String requested) {
            if (exact) {
                return requested.equals(path);
            }
            return path.equals("/")
                    || requested.equals(path)
                    || requested.startsWith(path.endsWith("/") ? path : path + "/");
        }
    }

    private final HttpServer server;

    private LocalEdge(HttpServer server) {
        this.server = server;
    }

    /** The rules of the HTTPRoute(s) in {@code manifest}, exact ones first, then the longest prefix first. */
    public static List<Route> routes(Path manifest) {
        List<Route> routes = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(manifest.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (!"HTTPRoute".equals(document.path("kind").asText())) {
                    continue;
                }
                for (JsonNode rule : document.path("spec").path("rules")) {
                    // a rule with no backend (the cluster's redirect of plain HTTP to HTTPS) serves nothing here
                    if (rule.path("backendRefs").isEmpty()) {
                        continue;
                    }
                    String service =
                            rule.path("backendRefs").path(0).path("name").asText();
                    for (JsonNode match : rule.path("matches")) {
                        JsonNode path = match.path("path");
                        routes.add(new Route(
                                "Exact".equals(path.path("type").asText()),
                                path.path("value").asText(),
                                service));
                    }
                }
            }
        } catch (IOException e) {
            throw new StackException("Cannot read the route table " + manifest + ": " + e.getMessage(), e);
        }
        routes.sort(Comparator.comparing((Route route) -> !route.exact())
                .thenComparing(route -> -route.path().length()));
        return List.copyOf(routes);
    }

    /** The HTTPRoute of deploy/platform in this checkout, or the copy CAFE_GATEWAY_MANIFEST names (in the edge's image). */
    public static Path gatewayManifest() {
        String given = System.getenv("CAFE_GATEWAY_MANIFEST");
        return given != null && !given.isBlank()
                ? Path.of(given)
                : StackSettings.projectRoot().resolve("deploy/platform/gateway.yaml");
    }

    /** Serves {@code port}, sending each route's requests to {@code http://localhost:<services.get(service)>}. */
    public static LocalEdge start(int port, List<Route> routes, Map<String, Integer> services) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 200);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                try (exchange) {
                    Optional<String> resolved =
                            EdgePath.resolve(exchange.getRequestURI().getRawPath());
                    if (resolved.isEmpty()) {
                        problem(exchange, 400, "Bad Request", "This path has no single meaning, so it is not routed");
                        return;
                    }
                    String path = resolved.get();
                    Optional<Route> route = internal(path)
                            ? Optional.empty()
                            : routes.stream().filter(r -> r.matches(path)).findFirst();
                    if (route.isEmpty() || !services.containsKey(route.get().service())) {
                        notFound(exchange);
                    } else {
                        forward(client, exchange, services.get(route.get().service()), path);
                    }
                } catch (IOException e) {
                    // the client or the service went away mid-answer: nothing left to tell anyone
                }
            });
            server.start();
            return new LocalEdge(server);
        } catch (IOException e) {
            throw new StackException("Cannot start the local edge on port " + port + ": " + e.getMessage(), e);
        }
    }

    static boolean internal(String path) {
        return INTERNAL.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    /** Sends the request on to the service with {@code path}, the one the edge matched. */
    private static void forward(HttpClient client, HttpExchange exchange, int port, String path) throws IOException {
        URI target = URI.create("http://localhost:" + port + path
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request =
                HttpRequest.newBuilder(target).method(exchange.getRequestMethod(), bodyOf(exchange));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        request.header(
                "X-Forwarded-Host", String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            unavailable(exchange);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        boolean empty = length == 0
                || response.statusCode() == 204
                || response.statusCode() == 304
                || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : Math.max(length, 0));
        try (InputStream in = response.body();
                OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush(); // a stream's event reaches the browser when the service sends it
            }
        }
    }

    private static HttpRequest.BodyPublisher bodyOf(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        return body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        problem(exchange, 404, "Not Found", "No route for this path");
    }

    private static void unavailable(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", "2");
        problem(exchange, 503, "Service Unavailable", "The service for this path is not reachable; try again shortly");
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        byte[] body = "{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\",\"instance\":\"%s\"}"
                .formatted(
                        title,
                        status,
                        detail,
                        exchange.getRequestURI().getRawPath().replaceAll("[\"\\\\]", ""))
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
