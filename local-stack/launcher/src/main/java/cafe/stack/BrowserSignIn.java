package cafe.stack;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a browser signs in at the local issuer: the OAuth 2.0 authorization code flow with PKCE (S256) of
 * the public client {@code cafe-web}, as a real OIDC provider offers it, so the pages sign in the same
 * way everywhere. Locally a person names themselves and picks a role; a real provider asks who they are.
 * As a provider does, it keeps a session (a cookie of its own): a signed-in person coming back is given
 * a code without the form, until they sign out at {@code end_session_endpoint} (RP-initiated logout).
 */
final class BrowserSignIn {

    static final String CLIENT = "cafe-web";
    static final List<String> ROLES = List.of(LocalIssuer.ROLE_CUSTOMER, "barista");
    static final String SESSION_COOKIE = "cafe-issuer-session";
    static final long SESSION_LIFETIME_SECONDS = 8 * 3600;
    private static final long CODE_LIFETIME_MILLIS = 60_000;

    private record Grant(String subject, String role, String redirectUri, String challenge, long expiresAt) {}

    private record Session(String subject, String role, long expiresAt) {}

    /** Where the browser goes back to with a code, and the session the approval opened. */
    record Approval(String location, String session) {}

    private final LocalIssuer issuer;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    BrowserSignIn(LocalIssuer issuer) {
        this.issuer = issuer;
    }

    /** The sign-in form for an authorization request, or empty when the request is not one this issuer accepts. */
    Optional<String> form(Map<String, String> request) {
        if (!valid(request)) {
            return Optional.empty();
        }
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "state", "code_challenge")) {
            hidden.append("<input type=\"hidden\" name=\"%s\" value=\"%s\">"
                    .formatted(name, escape(request.getOrDefault(name, ""))));
        }
        return Optional.of("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in to the cafe</title>
                <style>body{font:1.1rem system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
                label{display:block;margin:1rem 0 .3rem}input,select,button{font:inherit;padding:.5rem;width:100%%;box-sizing:border-box}
                button{margin-top:1.2rem;background:#5b3a1e;color:#fff;border:0;border-radius:.3rem}</style></head>
                <body><main><h1>Sign in to the cafe</h1>
                <p>The local issuer of <code>make run</code>: name yourself and pick a role.</p>
                <form method="post" action="/authorize">%s
                <label for="subject">Your name</label>
                <input id="subject" name="subject" required pattern="[A-Za-z0-9._@-]{1,64}" autocomplete="username" autofocus>
                <label for="role">Role</label>
                <select id="role" name="role"><option value="customer">customer</option><option value="barista">barista</option></select>
                <button type="submit">Sign in</button></form></main></body></html>
                """.formatted(hidden));
    }

    /** The way back with a one-time code and a new session, or empty when the form was not filled in right. */
    Optional<Approval> approve(Map<String, String> form) {
        String subject = form.getOrDefault("subject", "");
        String role = form.getOrDefault("role", "");
        if (!valid(form) || !subject.matches("[A-Za-z0-9._@-]{1,64}") || !ROLES.contains(role)) {
            return Optional.empty();
        }
        String session = randomId();
        sessions.put(session, new Session(subject, role, System.currentTimeMillis() + SESSION_LIFETIME_SECONDS * 1000));
        return Optional.of(new Approval(back(subject, role, form), session));
    }

    /** For an authorization request in a live session: the way back with a code, without asking again. */
    Optional<String> resume(Map<String, String> request, String session) {
        Session live = session == null ? null : sessions.get(session);
        if (!valid(request) || live == null || live.expiresAt() < System.currentTimeMillis()) {
            return Optional.empty();
        }
        return Optional.of(back(live.subject(), live.role(), request));
    }

    /**
     * Ends the session; where the browser goes next: the web client's {@code post_logout_redirect_uri}
     * when it is a local page, else nowhere (the issuer says it signed the person out).
     */
    Optional<String> signOut(Map<String, String> request, String session) {
        if (session != null) {
            sessions.remove(session);
        }
        String next = request.get("post_logout_redirect_uri");
        return CLIENT.equals(request.get("client_id")) && localPage(next) ? Optional.of(next) : Optional.empty();
    }

    private String back(String subject, String role, Map<String, String> request) {
        String code = randomId();
        String redirectUri = request.get("redirect_uri");
        codes.put(
                code,
                new Grant(
                        subject,
                        role,
                        redirectUri,
                        request.get("code_challenge"),
                        System.currentTimeMillis() + CODE_LIFETIME_MILLIS));
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code + "&state="
                + URLEncoder.encode(request.getOrDefault("state", ""), StandardCharsets.UTF_8);
    }

    private String randomId() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A token for a code, once, when its verifier and redirect match what the sign-in was asked with. */
    Optional<String> token(Map<String, String> form) {
        Grant grant = codes.remove(form.getOrDefault("code", ""));
        if (grant == null
                || grant.expiresAt() < System.currentTimeMillis()
                || !CLIENT.equals(form.get("client_id"))
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || !grant.challenge().equals(challenge(form.getOrDefault("code_verifier", "")))) {
            return Optional.empty();
        }
        return Optional.of(issuer.token(grant.subject(), grant.role()));
    }

    private static boolean valid(Map<String, String> request) {
        return CLIENT.equals(request.get("client_id"))
                && localPage(request.get("redirect_uri"))
                && request.getOrDefault("code_challenge", "").length() >= 43
                && "S256".equals(request.getOrDefault("code_challenge_method", "S256"))
                && "code".equals(request.getOrDefault("response_type", "code"));
    }

    /** Only a page on this machine may receive a code: the issuer signs for local pages alone. */
    private static boolean localPage(String uri) {
        try {
            URI parsed = URI.create(uri == null ? "" : uri);
            return "http".equals(parsed.getScheme())
                    && List.of("localhost", "127.0.0.1").contains(parsed.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
