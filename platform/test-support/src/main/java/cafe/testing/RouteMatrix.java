package cafe.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Who may call what, for every operation a service documents: a service's test declares each route's
 * roles and how to call it, and {@link #check()} fails for a documented operation without a rule (a new
 * route cannot be forgotten), then asks each one with no token, bad tokens, every other role, another
 * customer (for what belongs to a customer) and the right identity: 401, 401, 403, 404, 2xx. No answer
 * but the owner's names {@link #OWNER}: a refusal does not say whose the order is, and another customer's
 * own lists hold none of the owner's data. Knative Eventing's identity is of another issuer: its token
 * is a 401 on every other route, and every cafe token a 401 on its route, where a token of another
 * sender is a 403 and one for another service a 401. {@link #through} asks the same through the edge,
 * where a {@link #hidden} route answers 404 whoever asks.
 */
public final class RouteMatrix {

    private static final String EVENTING = "eventing";

    /** Every role a token can carry, and Knative Eventing's identity. */
    public static final List<String> ROLES = List.of("customer", "barista", "admin", "service", EVENTING);

    /** The customer who owns the fixtures a test makes; {@link #OTHER_CUSTOMER} owns nothing. */
    public static final String OWNER = "c-owner";

    public static final String OTHER_CUSTOMER = "c-other";

    /** Any token of Knative Eventing's issuer: on a route of the café's issuer, who sent it does not matter. */
    private static final String ANY_EVENTING_SENDER = "system:serviceaccount:cafe:any-source";

    private static final HttpClient STREAMS =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Map<String, Route> routes = new LinkedHashMap<>();

    private String baseUri;

    /**
     * The matrix with the routes platform/messaging gives every service: events over HTTP for Knative
     * Eventing (here a refund of an unknown order, which each service applies or ignores), the
     * operators' health and dead letters of the service under test.
     */
    public static RouteMatrix withPlatformRoutes() {
        String ops = "/ops/" + ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        return new RouteMatrix()
                .roles("POST /events", List.of(EVENTING), request -> refundOfAnUnknownOrder(request, "/events"))
                .operations(ops);
    }

    /** The operators' routes every service has, at {@code ops} ({@code /ops/<service>}): the admin's alone. */
    public RouteMatrix operations(String ops) {
        return roles("GET /ops/{service}/health", List.of("admin"), request -> request.get(ops + "/health"))
                .roles(
                        "GET /ops/{service}/dead-letters",
                        List.of("admin"),
                        request -> request.get(ops + "/dead-letters"))
                .roles(
                        "POST /ops/{service}/dead-letters/replay",
                        List.of("admin"),
                        request -> request.post(ops + "/dead-letters/replay"));
    }

    /**
     * A binary-mode CloudEvent of a refund of an order nobody placed, posted to {@code events}: each
     * service applies or ignores it, changing nothing that matters.
     */
    public static Response refundOfAnUnknownOrder(RequestSpecification request, String events) {
        return request.header("ce-id", UUID.randomUUID())
                .header("ce-type", "cafe.payment.refunded")
                .header("ce-specversion", "1.0")
                .header("ce-source", "/payment-service")
                .contentType("application/json")
                .body(Map.of(
                        "orderId",
                        UUID.randomUUID(),
                        "paymentId",
                        UUID.randomUUID(),
                        "amount",
                        100,
                        "currency",
                        "EUR",
                        "refundedAt",
                        "2026-11-26T08:00:00Z"))
                .post(events);
    }

    /** A route anyone may call, with no token. */
    public RouteMatrix open(String operation, Function<RequestSpecification, Response> call) {
        routes.put(operation, new Route(List.of(), false, false, call));
        return this;
    }

    /** A route for these roles; the right identity is the first role's ({@link #OWNER} for a customer). */
    public RouteMatrix roles(String operation, List<String> roles, Function<RequestSpecification, Response> call) {
        routes.put(operation, new Route(roles, false, false, call));
        return this;
    }

    /**
     * A live stream (Server-Sent Events) for these roles, which may stay open for long: each caller's answer
     * is read up to its headers (a refusal to its end), and a stream that opened is closed at once.
     */
    public RouteMatrix stream(String operation, List<String> roles, String path) {
        routes.put(operation, new Route(roles, false, false, request -> openStream(request, path)));
        return this;
    }

    private Response openStream(RequestSpecification request, String path) {
        String authorization =
                ((FilterableRequestSpecification) request).getHeaders().getValue("Authorization");
        String base = baseUri != null ? baseUri : RestAssured.baseURI + ":" + RestAssured.port;
        HttpRequest.Builder open =
                HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream");
        if (authorization != null) {
            open.header("Authorization", authorization);
        }
        try {
            HttpResponse<Stream<String>> answer = STREAMS.send(open.build(), HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = answer.body()) {
                boolean opened = answer.statusCode() == 200;
                return new ResponseBuilder()
                        .setStatusCode(answer.statusCode())
                        .setContentType(
                                answer.headers().firstValue("Content-Type").orElse(""))
                        .setBody(opened ? "" : lines.collect(Collectors.joining("\n")))
                        .build();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A customer's own route: another customer gets 404, as if it did not exist. */
    public RouteMatrix owned(String operation, List<String> roles, Function<RequestSpecification, Response> call) {
        routes.put(operation, new Route(roles, true, false, call));
        return this;
    }

    /** A route the edge does not serve: 404 with no token and with an operator's, the most any caller holds. */
    public RouteMatrix hidden(String operation, Function<RequestSpecification, Response> call) {
        routes.put(operation, new Route(List.of(), false, true, call));
        return this;
    }

    /** Asks every route at {@code uri} (the edge) instead of the service under test. */
    public RouteMatrix through(String uri) {
        this.baseUri = uri;
        return this;
    }

    /** Checks the service under test's documented operations. */
    public void check() {
        check(OpenApiContract.operations());
    }

    /** Checks {@code operations}, every one of which must have a rule, and no rule another operation. */
    public void check(Set<String> operations) {
        assertThat(
                "every documented operation has a rule, and every rule a documented operation",
                routes.keySet(),
                containsInAnyOrder(operations.toArray()));
        List<String> failures = new ArrayList<>();
        routes.forEach((operation, route) -> failures.addAll(check(operation, route)));
        assertThat(String.join("\n", failures), failures.isEmpty());
    }

    /** The roles the OpenAPI document names for each secured operation (its security requirement's scopes). */
    public static Map<String, Set<String>> documentedRoles() {
        Map<String, Map<String, Map<String, Object>>> paths =
                OpenApiContract.document().getMap("paths");
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        paths.forEach((path, methods) -> methods.forEach((method, operation) -> {
            Set<String> scopes = new TreeSet<>();
            if (operation.get("security") instanceof List<?> requirements) {
                requirements.forEach(requirement -> ((Map<?, ?>) requirement)
                        .values()
                        .forEach(values -> ((List<?>) values).forEach(scope -> scopes.add(scope.toString()))));
            }
            roles.put(method.toUpperCase() + " " + path, scopes);
        }));
        return roles;
    }

    /** A route's identities (none: anyone's), whether it is a customer's own, or hidden by the edge. */
    private record Route(
            List<String> roles, boolean owned, boolean hidden, Function<RequestSpecification, Response> call) {}

    private List<String> check(String operation, Route route) {
        List<String> failures = new ArrayList<>();
        if (route.hidden()) {
            expect(failures, operation, route, "no token", request(), 404);
            expect(failures, operation, route, "role admin", as(Tokens.admin()), 404);
            return failures;
        }
        List<String> roles = route.roles();
        if (!roles.isEmpty()) {
            expect(failures, operation, route, "no token", request(), 401);
            for (String[] bad : Tokens.bad()) {
                expect(failures, operation, route, bad[0] + " token", as(bad[1]), 401);
            }
            boolean eventing = roles.contains(EVENTING);
            for (String role : ROLES) {
                if (!roles.contains(role)) {
                    boolean otherIssuer = eventing || role.equals(EVENTING);
                    String token = role.equals(EVENTING)
                            ? Tokens.eventing(ANY_EVENTING_SENDER, "cafe/any-service/events")
                            : token(role);
                    expect(failures, operation, route, "role " + role, as(token), otherIssuer ? 401 : 403);
                }
            }
            if (eventing) {
                String audience = Tokens.eventingAudience();
                String sender = Tokens.eventingSender();
                expect(
                        failures,
                        operation,
                        route,
                        "another sender",
                        as(Tokens.eventing("system:serviceaccount:cafe:intruder", audience)),
                        403);
                expect(
                        failures,
                        operation,
                        route,
                        "another service's audience",
                        as(Tokens.eventing(sender, "cafe/another-service/events")),
                        401);
            }
            if (route.owned()) {
                expect(failures, operation, route, "another customer", as(Tokens.customer(OTHER_CUSTOMER)), 404);
            } else if (roles.contains("customer")) {
                Response own = route.call().apply(as(Tokens.customer(OTHER_CUSTOMER)));
                if (own.statusCode() >= 300 || own.asString().contains(OWNER)) {
                    failures.add(operation + " as another customer: expected 2xx without " + OWNER + "'s data, got "
                            + own.statusCode() + " " + own.asString());
                }
            }
        }
        String right = roles.isEmpty() ? "no token" : "role " + roles.get(0);
        Response response = route.call().apply(roles.isEmpty() ? request() : as(token(roles.get(0))));
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            failures.add(operation + " as " + right + ": expected 2xx, got " + response.statusCode() + " "
                    + response.asString());
        }
        return failures;
    }

    private void expect(
            List<String> failures,
            String operation,
            Route route,
            String who,
            RequestSpecification request,
            int status) {
        Response response = route.call().apply(request);
        if (response.statusCode() != status) {
            failures.add(operation + " with " + who + ": expected " + status + ", got " + response.statusCode() + " "
                    + response.asString());
            return;
        }
        assertThat(
                operation + " with " + who + " answers a problem document",
                response.contentType(),
                startsWith("application/problem+json"));
        assertThat(response.path("status"), allOf(equalTo(status), greaterThanOrEqualTo(400), lessThan(500)));
        assertThat(
                operation + " with " + who + " does not say whose it is",
                response.asString(),
                not(containsString(OWNER)));
    }

    private RequestSpecification request() {
        return baseUri == null ? given() : given().baseUri(baseUri);
    }

    private RequestSpecification as(String token) {
        return request().header("Authorization", "Bearer " + token);
    }

    private static String token(String role) {
        return switch (role) {
            case "customer" -> Tokens.customer(OWNER);
            case "barista" -> Tokens.barista();
            case "admin" -> Tokens.admin();
            case "service" -> Tokens.service();
            case EVENTING -> Tokens.eventing();
            default -> throw new IllegalArgumentException(role);
        };
    }
}
