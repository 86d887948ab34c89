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
 * document, a token endpoint for the client-credentials grant (a service's own identity), and the
 * browser's sign-in ({@code /authorize}) and sign-out ({@code /logout}).
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
                    "end_session_endpoint":"%s","grant_types_supported":["client_credentials","authorization_code"],\
                    "code_challenge_methods_supported":["S256"]}""".formatted(
                                    issuer.url(),
                                    issuer.jwksUrl(),
                                    issuer.tokenUrl(),
                                    issuer.url() + "/authorize",
                                    issuer.url() + "/logout")));
            BrowserSignIn signIn = new BrowserSignIn(issuer);
            server.createContext("/authorize", exchange -> authorize(signIn, exchange));
            server.createContext("/logout", exchange -> logout(signIn, exchange));
            server.createContext("/token", exchange -> token(issuer, signIn, exchange));
            server.start();
            return new IssuerServer(server);
        } catch (IOException e) {
            throw new StackException("Cannot start the local token issuer on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * The browser's sign-in: back to the page with a one-time code at once in a live session, else the
     * form (GET), then back with a code and a new session (POST).
     */
    private static void authorize(BrowserSignIn signIn, HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("POST".equals(exchange.getRequestMethod())) {
                Map<String, String> form =
                        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                Optional<BrowserSignIn.Approval> approval = signIn.approve(form);
                if (approval.isPresent()) {
                    exchange.getResponseHeaders()
                            .set(
                                    "Set-Cookie",
                                    sessionCookie(approval.get().session(), BrowserSignIn.SESSION_LIFETIME_SECONDS));
                    redirect(exchange, approval.get().location());
                } else {
                    page(exchange, 400, "text/plain", "Not a sign-in request of this issuer's web client");
                }
                return;
            }
            Map<String, String> request =
                    form(String.valueOf(exchange.getRequestURI().getRawQuery()));
            Optional<String> resumed = signIn.resume(request, session(exchange));
            if (resumed.isPresent()) {
                redirect(exchange, resumed.get());
                return;
            }
            Optional<String> form = signIn.form(request);
            if (form.isPresent()) {
                page(exchange, 200, "text/html", form.get());
            } else {
                page(exchange, 400, "text/plain", "Not a sign-in request of this issuer's web client");
            }
        }
    }

    /** RP-initiated logout: the session ends, and the browser goes back to the page or is told it is out. */
    private static void logout(BrowserSignIn signIn, HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> request =
                    form(String.valueOf(exchange.getRequestURI().getRawQuery()));
            Optional<String> next = signIn.signOut(request, session(exchange));
            exchange.getResponseHeaders().set("Set-Cookie", sessionCookie("", 0));
            if (next.isPresent()) {
                redirect(exchange, next.get());
            } else {
                page(exchange, 200, "text/plain", "You are signed out of the local issuer");
            }
        }
    }

    private static String session(HttpExchange exchange) {
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookies == null) {
            return null;
        }
        for (String cookie : cookies.split(";")) {
            String[] pair = cookie.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals(BrowserSignIn.SESSION_COOKIE)) {
                return pair[1];
            }
        }
        return null;
    }

    private static String sessionCookie(String value, long maxAgeSeconds) {
        return BrowserSignIn.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Lax";
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void page(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
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
