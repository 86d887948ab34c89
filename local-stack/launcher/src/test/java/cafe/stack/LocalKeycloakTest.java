package cafe.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack's Keycloak gives the tokens the services verify: the realm's issuer, the audience cafe, the subject
 * asked for, its realm role, an expiry; order-service's for its secret only; and the key the stack keeps is the
 * one the realm signs with.
 */
class LocalKeycloakTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalKeycloak keycloak;

    @BeforeAll
    static void stack() {
        keycloak = LocalStack.shared().settings().keycloak();
    }

    @Test
    void aPersonsTokenIsKeycloaksForTheSubjectWithTheRoleTheIssuerAndTheAudience() throws Exception {
        JwtClaims claims = consumer().processToClaims(keycloak.token("c-kc-1", "barista"));

        assertEquals("c-kc-1", claims.getSubject());
        assertEquals(keycloak.issuer(), claims.getIssuer());
        assertTrue(
                claims.getAudience().contains(LocalKeycloak.AUDIENCE),
                claims.getAudience().toString());
        assertEquals(List.of("barista"), personRoles(claims));
        assertTrue(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue() <= 3600);
    }

    @Test
    void aSubjectLongerThanAKeycloakUserIdIsTheTokensSubjectToo() throws Exception {
        String subject = "c-" + java.util.UUID.randomUUID() + "-long";

        assertEquals(
                subject,
                consumer().processToClaims(keycloak.token(subject, "customer")).getSubject());
    }

    @Test
    void anotherRoleForTheSameSubjectReplacesTheFirst() throws Exception {
        keycloak.token("c-kc-2", "admin");
        LocalKeycloak anotherJvm = LocalStack.shared().settings().keycloak();

        assertEquals(
                List.of("customer"), personRoles(consumer().processToClaims(anotherJvm.token("c-kc-2", "customer"))));
    }

    @Test
    void orderServiceGetsAServiceTokenForItsSecretOnly() throws Exception {
        JwtClaims claims = consumer().processToClaims(keycloak.serviceToken());
        HttpResponse<String> refused = HTTP.send(
                HttpRequest.newBuilder(URI.create(keycloak.tokenUrl()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&client_id=order-service&client_secret=wrong"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertTrue(roles(claims).contains("service"), roles(claims).toString());
        assertEquals(List.of(), personRoles(claims));
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("Invalid client credentials"), refused.body());
    }

    @Test
    void whatTheStackSignsVerifiesAndWhatAnotherKeySignsDoesNot() throws Exception {
        JwtClaims claims = keycloak.claims("c-kc-3", List.of("customer"), 5);
        RsaJsonWebKey other = RsaJwkGenerator.generateJwk(2048);
        JsonWebSignature foreign = new JsonWebSignature();
        foreign.setPayload(claims.toJson());
        foreign.setKey(other.getPrivateKey());
        foreign.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);

        assertEquals("c-kc-3", consumer().processToClaims(keycloak.sign(claims)).getSubject());
        assertThrows(InvalidJwtException.class, () -> consumer().processToClaims(foreign.getCompactSerialization()));
    }

    /** The roles of a person among the token's realm roles (Keycloak adds its default roles beside them). */
    private static List<String> personRoles(JwtClaims claims) {
        return roles(claims).stream()
                .filter(LocalKeycloak.PERSON_ROLES::contains)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(JwtClaims claims) {
        return (List<String>) ((Map<String, Object>) claims.getClaimValue("realm_access")).get("roles");
    }

    private static JwtConsumer consumer() {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(keycloak.jwksUrl())))
                .setExpectedIssuer(keycloak.issuer())
                .setExpectedAudience(LocalKeycloak.AUDIENCE)
                .setRequireExpirationTime()
                .setRequireSubject()
                .build();
    }
}
