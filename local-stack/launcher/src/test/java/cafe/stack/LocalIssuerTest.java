package cafe.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local issuer signs what its published key set verifies, and gives service tokens to known clients only. */
class LocalIssuerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aTokenVerifiesAgainstThePublishedKeySetWithItsSubjectRoleIssuerAndAudience() throws Exception {
        int port = Ports.freePort();
        LocalIssuer issuer = LocalIssuer.create(dir, "http://127.0.0.1:" + port);
        try (IssuerServer ignored = IssuerServer.start(issuer, port)) {
            JwtClaims claims = consumer(issuer).processToClaims(issuer.token("c-1", "barista"));

            assertEquals("c-1", claims.getSubject());
            assertEquals(List.of("barista"), claims.getStringListClaimValue("groups"));
        }
    }

    @Test
    void anotherJvmSignsWithTheSameKeyFromTheStackFolder() throws Exception {
        int port = Ports.freePort();
        LocalIssuer issuer = LocalIssuer.create(dir, "http://127.0.0.1:" + port);
        String token = LocalIssuer.load(dir, issuer.url()).token("ops", "admin");
        try (IssuerServer ignored = IssuerServer.start(issuer, port)) {
            assertEquals("ops", consumer(issuer).processToClaims(token).getSubject());
        }
    }

    @Test
    void theTokenEndpointGivesAServiceTokenForTheRightClientSecretOnly() throws Exception {
        int port = Ports.freePort();
        LocalIssuer issuer = LocalIssuer.create(dir, "http://127.0.0.1:" + port);
        try (IssuerServer ignored = IssuerServer.start(issuer, port)) {
            String secret = issuer.clientSecret(LocalIssuer.ORDER_SERVICE_CLIENT);
            HttpResponse<String> granted = clientCredentials(issuer, LocalIssuer.ORDER_SERVICE_CLIENT, secret);
            HttpResponse<String> refused = clientCredentials(issuer, LocalIssuer.ORDER_SERVICE_CLIENT, secret + "x");

            assertEquals(200, granted.statusCode());
            String token = granted.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
            JwtClaims claims = consumer(issuer).processToClaims(token);
            assertEquals(LocalIssuer.ORDER_SERVICE_CLIENT, claims.getSubject());
            assertEquals(List.of(LocalIssuer.ROLE_SERVICE), claims.getStringListClaimValue("groups"));
            assertEquals(401, refused.statusCode());
            assertTrue(refused.body().contains("invalid_client"));
        }
    }

    @Test
    void aTokenFromAnotherIssuersKeyDoesNotVerify() throws Exception {
        int port = Ports.freePort();
        LocalIssuer issuer = LocalIssuer.create(dir, "http://127.0.0.1:" + port);
        String foreign = LocalIssuer.create(dir.resolve("other"), issuer.url()).token("c-1", "customer");
        try (IssuerServer ignored = IssuerServer.start(issuer, port)) {
            assertThrows(InvalidJwtException.class, () -> consumer(issuer).processToClaims(foreign));
        }
    }

    private static JwtConsumer consumer(LocalIssuer issuer) {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(issuer.jwksUrl())))
                .setExpectedIssuer(issuer.url())
                .setExpectedAudience(LocalIssuer.AUDIENCE)
                .setRequireExpirationTime()
                .build();
    }

    private static HttpResponse<String> clientCredentials(LocalIssuer issuer, String client, String secret)
            throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer.tokenUrl()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
