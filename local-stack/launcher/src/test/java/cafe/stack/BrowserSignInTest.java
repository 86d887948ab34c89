package cafe.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page signs in with the authorization code and PKCE: one code, once, for the verifier it was asked
 * with; the session the sign-in opens gives codes without asking until the person signs out.
 */
class BrowserSignInTest {

    private static final String VERIFIER = "a-verifier-long-enough-to-be-a-real-pkce-code-verifier";
    private static final String PAGE = "http://localhost:8080/";

    @TempDir
    Path dir;

    private LocalIssuer issuer;
    private BrowserSignIn signIn;

    @BeforeEach
    void issuer() {
        issuer = LocalIssuer.create(dir, "http://127.0.0.1:18090");
        signIn = new BrowserSignIn(issuer);
    }

    @Test
    void aCodeGivesTheNamedPersonsTokenOnceForTheRightVerifier() throws Exception {
        String code = code(approval("c-7", "customer", PAGE));

        Optional<String> token = signIn.token(exchange(code, VERIFIER, PAGE));

        assertTrue(token.isPresent());
        String claims = new String(Base64.getUrlDecoder().decode(token.get().split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"c-7\""), claims);
        assertTrue(claims.contains("\"groups\":[\"customer\"]"), claims);
        assertEquals(Optional.empty(), signIn.token(exchange(code, VERIFIER, PAGE)), "a code is used once");
    }

    @Test
    void aCodeWithAnotherVerifierOrRedirectGivesNothing() throws Exception {
        String stolen = code(approval("c-7", "customer", PAGE));
        assertEquals(Optional.empty(), signIn.token(exchange(stolen, VERIFIER + "x", PAGE)));
        String redirected = code(approval("c-7", "customer", PAGE));
        assertEquals(Optional.empty(), signIn.token(exchange(redirected, VERIFIER, "http://localhost:8080/other")));
    }

    @Test
    void onlyLocalPagesAndKnownRolesMaySignIn() throws Exception {
        assertEquals(Optional.empty(), signIn.form(request("https://evil.example.com/")));
        assertEquals(Optional.empty(), signIn.approve(approvalForm("c-7", "admin", PAGE)));
        assertTrue(signIn.form(request(PAGE)).orElseThrow().contains("<label for=\"subject\">"));
    }

    @Test
    void aSessionGivesTheSamePersonANewCodeWithoutAskingUntilTheySignOut() throws Exception {
        BrowserSignIn.Approval approval =
                signIn.approve(approvalForm("c-7", "customer", PAGE)).orElseThrow();

        String again = signIn.resume(request(PAGE), approval.session()).orElseThrow();
        String claims = new String(
                Base64.getUrlDecoder()
                        .decode(signIn.token(exchange(code(again), VERIFIER, PAGE))
                                .orElseThrow()
                                .split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"c-7\""), claims);
        assertEquals(Optional.empty(), signIn.resume(request(PAGE), "a-session-nobody-opened"));

        assertEquals(Optional.of(PAGE), signIn.signOut(logout(PAGE), approval.session()));
        assertEquals(Optional.empty(), signIn.resume(request(PAGE), approval.session()), "signed out");
    }

    @Test
    void signingOutSendsTheBrowserBackOnlyToALocalPageOfTheWebClient() {
        assertEquals(Optional.empty(), signIn.signOut(logout("https://evil.example.com/"), null));
        Map<String, String> anotherClient = new HashMap<>(logout(PAGE));
        anotherClient.put("client_id", "another-client");
        assertEquals(Optional.empty(), signIn.signOut(anotherClient, null));
    }

    private static Map<String, String> logout(String page) {
        return Map.of("client_id", BrowserSignIn.CLIENT, "post_logout_redirect_uri", page);
    }

    private String approval(String subject, String role, String page) {
        String location =
                signIn.approve(approvalForm(subject, role, page)).orElseThrow().location();
        assertTrue(location.startsWith(page + "?code="), location);
        assertTrue(location.endsWith("&state=s1"), location);
        return location;
    }

    private static String code(String location) {
        return URI.create(location).getQuery().replaceAll("code=([^&]+).*", "$1");
    }

    private static Map<String, String> request(String page) throws Exception {
        Map<String, String> request = new HashMap<>();
        request.put("response_type", "code");
        request.put("client_id", BrowserSignIn.CLIENT);
        request.put("redirect_uri", page);
        request.put("state", "s1");
        request.put("code_challenge_method", "S256");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII));
        request.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        return request;
    }

    private static Map<String, String> approvalForm(String subject, String role, String page) {
        try {
            Map<String, String> form = request(page);
            form.put("subject", subject);
            form.put("role", role);
            return form;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> exchange(String code, String verifier, String page) {
        return Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "client_id", BrowserSignIn.CLIENT,
                "redirect_uri", page,
                "code_verifier", verifier);
    }
}
