package cafe.system;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;

import cafe.stack.CafeService;
import cafe.testing.OpenApiContract;
import cafe.testing.PublicRoutes;
import cafe.testing.RouteMatrix;
import cafe.testing.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The route × identity matrix as a caller outside meets it, through the one address `make run` gives:
 * every operation the four services document either reaches its service with exactly its identities
 * (the operators' at /ops/<service>, the admin's alone), or (payments, events) answers 404 whoever asks;
 * and no spelling of a private path gets past.
 */
class EdgeAccessIT {

    /** What stays inside the cluster: payment's API, Knative Eventing's entry. */
    private static final List<String> PRIVATE = List.of("/payments", "/events");

    private final RunningSystem system = RunningSystem.shared();
    private final Cafe cafe = new Cafe(system);

    @Test
    void everyDocumentedOperationAdmitsExactlyItsIdentitiesThroughTheEdge() {
        String ready = cafe.placeOrder(RouteMatrix.OWNER);
        Object readyTicket = cafe.awaitTicket(ready).get("id");
        cafe.startBrewing(readyTicket).then().statusCode(200);
        cafe.finish(readyTicket).then().statusCode(200);
        // handed over, so that its status stream ends after its one document
        cafe.handOver(readyTicket).then().statusCode(200);
        cafe.awaitView(ready, "HANDED_OVER", "PAID");
        String cancel = cafe.placeOrder(RouteMatrix.OWNER);
        String patch = cafe.placeOrder(RouteMatrix.OWNER);
        Object queued = cafe.awaitTicket(cafe.placeOrder(RouteMatrix.OWNER)).get("id");
        Object brewing = cafe.awaitTicket(cafe.placeOrder(RouteMatrix.OWNER)).get("id");
        cafe.startBrewing(brewing).then().statusCode(200);
        Object handOver = cafe.awaitTicket(cafe.placeOrder(RouteMatrix.OWNER)).get("id");
        cafe.startBrewing(handOver).then().statusCode(200);
        cafe.finish(handOver).then().statusCode(200);

        Set<String> operations = documentedOperations();
        RouteMatrix matrix = new RouteMatrix().through(system.edgeUrl());
        PublicRoutes.orders(matrix, ready, cancel, patch);
        PublicRoutes.tickets(matrix, readyTicket, queued, brewing, handOver);
        PublicRoutes.orderStatus(matrix, ready);
        // the operators' routes every service has, asked of one (the others' own matrices ask theirs)
        matrix.operations("/ops/barista-service");
        operations.stream().filter(EdgeAccessIT::internal).forEach(operation -> {
            String[] methodAndPath = operation.split(" ", 2);
            String path =
                    methodAndPath[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            matrix.hidden(operation, request -> request.request(methodAndPath[0], path));
        });
        matrix.check(operations);
    }

    @Test
    void noSpellingOfAPrivatePathReachesAServiceThroughTheEdge() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String admin = Tokens.admin();
        for (String path : List.of(
                "/orders/../admin/dead-letters",
                "/orders/%2e%2e/admin/dead-letters",
                "/orders/%2E%2E/payments",
                "/orders%2f..%2fevents",
                "/order-status/..%2f..%2fq/health",
                "//admin/dead-letters",
                "/menu/./../q/openapi",
                "/tickets/%2e%2e%2fadmin%2fdead-letters")) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create(system.edgeUrl() + path))
                            .header("Authorization", "Bearer " + admin)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(path, answer.statusCode(), either(equalTo(400)).or(equalTo(404)));
            assertThat(
                    path + " is the edge's refusal, not a service's",
                    answer.body(),
                    either(containsString("No route for this path")).or(containsString("no single meaning")));
        }
    }

    private static boolean internal(String operation) {
        String path = operation.split(" ", 2)[1];
        return PRIVATE.stream().anyMatch(prefix -> path.startsWith(prefix));
    }

    /** What the four services document in their OpenAPI documents, as {@code "METHOD /path"}. */
    private Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        CafeService.NAMES.forEach(
                service -> operations.addAll(OpenApiContract.operations(system.managementUrl(service) + "/q/openapi")));
        return operations;
    }
}
