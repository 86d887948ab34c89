package cafe.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local issuer over HTTP, as an OIDC provider offers it: its key set ({@code /jwks}), its discovery
 * document and a token endpoint for the client-credentials grant (a service's own identity).
 */
final class IssuerServer implements AutoCloseable {

    private final HttpServer server;

    private IssuerServer(HttpServer server) {
        this.server = server;
    }

    static IssuerServer start(LocalIssuer issuer, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            server.createContext("/jwks", exchange -> answer(exchange, 200, issuer.jwks()));
            server.createContext(
                    "/.well-known/openid-configuration",
                    exchange -> answer(exchange, 200, """
                    {"issuer":"%s","jwks_uri":"%s","token_endpoint":"%s","authorization_endpoint":"%s",\
                    "grant_types_supported":["client_credentials","authorization_code"],\
                    "code_challenge_methods_supported":["S256"]}""".formatted(
                                    issuer.url(), issuer.jwksUrl(), issuer.tokenUrl(), issuer.url() + "/authorize")));
            BrowserSignIn signIn = new BrowserSignIn(issuer);
            server.createContext("/authorize", exchange -> authorize(signIn, exchange));
            server.createContext("/token", exchange -> token(issuer, signIn, exchange));
            server.start();
            return new IssuerServer(server);
        } catch (IOException e) {
            throw new StackException("Cannot start the local token issuer on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The browser's sign-in: the form (GET), then back to the page with a one-time code (POST). */
    private static void authorize(BrowserSignIn signIn, HttpExchange exchange) throws IOException {
        boolean post = "POST".equals(exchange.getRequestMethod());
        Map<String, String> request = form(
                post
                        ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                        : String.valueOf(exchange.getRequestURI().getRawQuery()));
        Optional<String> answer = post ? signIn.approve(request) : signIn.form(request);
        try (exchange) {
            if (answer.isEmpty()) {
                byte[] body = "Not a sign-in request of this issuer's web client".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(400, body.length);
                exchange.getResponseBody().write(body);
            } else if (post) {
                exchange.getResponseHeaders().set("Location", answer.get());
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }

    private static void token(LocalIssuer issuer, BrowserSignIn signIn, HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "{\"error\":\"invalid_request\"}");
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if ("authorization_code".equals(form.get("grant_type"))) {
            signIn.token(form)
                    .ifPresentOrElse(
                            token -> answer(exchange, 200, accessToken(token, 3600)),
                            () -> answer(exchange, 400, "{\"error\":\"invalid_grant\"}"));
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            answer(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        String[] client = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"))
                .orElse(new String[] {form.get("client_id"), form.get("client_secret")});
        issuer.serviceToken(client[0], client[1])
                .ifPresentOrElse(
                        token -> answer(exchange, 200, accessToken(token, 300)),
                        () -> answer(exchange, 401, "{\"error\":\"invalid_client\"}"));
    }

    private static String accessToken(String token, int expiresIn) {
        return "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":%d}".formatted(token, expiresIn);
    }

    private static Optional<String[]> basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded =
                new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0
                ? Optional.empty()
                : Optional.of(new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
                });
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String json) {
        try (exchange) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            // the pages read the discovery document and exchange their code from another origin (the edge)
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
