package cafe.testing;

import cafe.stack.LocalKeycloak;
import cafe.stack.LocalStack;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Bearer tokens for a service's tests: Keycloak's own (the local stack's, which the service trusts) for every
 * identity, and the bad ones it must refuse (401), made here with the key the stack gave Keycloak to sign with, so
 * that each fails for its one defect: expired, forged, from another issuer, for another audience, unsigned,
 * without a subject, an expiry or an audience, too long-lived, naming an unknown key, HS256 with the public key.
 */
public final class Tokens {

    private Tokens() {}

    public static String customer(String customerId) {
        return issuer().token(customerId, "customer");
    }

    public static String barista() {
        return issuer().token("b-1", "barista");
    }

    public static String admin() {
        return issuer().token("ops", "admin");
    }

    /** What order-service gets by client credentials. */
    public static String service() {
        return issuer().serviceToken();
    }

    /**
     * What Knative Eventing sends to this service's {@code /events}: a token for its audience, from the
     * service account of its first configured sender (the service under test's configuration).
     */
    public static String eventing() {
        return eventing(eventingSender(), eventingAudience());
    }

    /** The first sender the service under test accepts events from (its KafkaSource's service account). */
    public static String eventingSender() {
        return ConfigProvider.getConfig()
                .getValues("cafe.events.auth.senders", String.class)
                .getFirst();
    }

    /** The audience the service under test expects in an eventing token. */
    public static String eventingAudience() {
        return ConfigProvider.getConfig().getValue("cafe.events.auth.audience", String.class);
    }

    /** An eventing token of any service account for any audience: the ones {@code /events} must refuse. */
    public static String eventing(String serviceAccount, String audience) {
        return issuer().eventingToken(serviceAccount, audience);
    }

    /** A request as {@code token}'s holder. */
    public static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token);
    }

    public static RequestSpecification asCustomer(String customerId) {
        return as(customer(customerId));
    }

    /** A customer's token that expires {@code lifetime} from now. */
    public static String customerExpiringIn(String customerId, Duration lifetime) {
        JwtClaims claims = issuer().claims(customerId, List.of("customer"), 60);
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + lifetime.toSeconds()));
        return issuer().sign(claims);
    }

    /** A customer's token whose profile claims ({@code name}, {@code preferred_username}) are these alone. */
    public static String customerWith(String customerId, Map<String, String> profile) {
        JwtClaims claims = issuer().claims(customerId, List.of("customer"), 60);
        claims.unsetClaim("name");
        claims.unsetClaim("preferred_username");
        profile.forEach(claims::setClaim);
        return issuer().sign(claims);
    }

    public static String expired() {
        JwtClaims claims = claims();
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        return issuer().sign(claims);
    }

    public static String fromAnotherIssuer() {
        JwtClaims claims = claims();
        claims.setIssuer("https://issuer.example.com");
        return issuer().sign(claims);
    }

    public static String forAnotherAudience() {
        JwtClaims claims = claims();
        claims.setAudience("another-app");
        return issuer().sign(claims);
    }

    /** Every role and a user name, but no subject: no customer to act for. */
    public static String withoutASubject() {
        JwtClaims claims = claims();
        claims.unsetClaim("sub");
        claims.setClaim("preferred_username", "c-bad");
        return issuer().sign(claims);
    }

    /** Valid, but for a day: longer than any token is accepted for. */
    public static String livingADay() {
        JwtClaims claims = claims();
        claims.setExpirationTime(NumericDate.fromSeconds(
                NumericDate.now().getValue() + Duration.ofDays(1).toSeconds()));
        return issuer().sign(claims);
    }

    /** Never expires: a verifier must insist on an expiry. */
    public static String withoutAnExpiry() {
        JwtClaims claims = claims();
        claims.unsetClaim("exp");
        return issuer().sign(claims);
    }

    /** For no audience at all. */
    public static String withoutAnAudience() {
        JwtClaims claims = claims();
        claims.unsetClaim("aud");
        return issuer().sign(claims);
    }

    /** Signed with the issuer's key but naming a key its key set does not have. */
    public static String withAnUnknownKeyId() {
        return issuer().sign(claims(), "no-such-key");
    }

    /**
     * HS256 with the issuer's public key as the shared secret: the algorithm confusion that a verifier
     * taking the key it is configured with for whatever the token's header names would accept.
     */
    public static String hmacWithThePublicKey() {
        try {
            RsaJsonWebKey published = (RsaJsonWebKey)
                    new JsonWebKeySet(issuer().jwks()).getJsonWebKeys().getFirst();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims().toJson());
            jws.setKey(new HmacKey(published.getRsaPublicKey().getEncoded()));
            jws.setKeyIdHeaderValue(published.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with a key the issuer never published. */
    public static String forged() {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims().toJson());
            jws.setKey(Keys.FORGER);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: claims anyone could write. */
    public static String unsigned() {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims().toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every kind of token a service must refuse with 401, by name. */
    public static List<String[]> bad() {
        return List.of(
                new String[] {"expired", expired()},
                new String[] {"forged", forged()},
                new String[] {"another issuer", fromAnotherIssuer()},
                new String[] {"another audience", forAnotherAudience()},
                new String[] {"alg none", unsigned()},
                new String[] {"no subject", withoutASubject()},
                new String[] {"living a day", livingADay()},
                new String[] {"no expiry", withoutAnExpiry()},
                new String[] {"no audience", withoutAnAudience()},
                new String[] {"unknown key id", withAnUnknownKeyId()},
                new String[] {"HS256 with the public key", hmacWithThePublicKey()},
                new String[] {"not a JWT", "not-a-token"});
    }

    private static JwtClaims claims() {
        return issuer().claims("c-bad", List.of("customer", "barista", "admin", "service"), 5);
    }

    /** The stack's Keycloak, its signing key read from the stack folder once per test JVM. */
    private static LocalKeycloak issuer() {
        return Keys.ISSUER;
    }

    /** Made once, on first use: reading the issuer's key and making an RSA key pair are slow to repeat per token. */
    private static final class Keys {
        static final LocalKeycloak ISSUER = LocalStack.shared().settings().keycloak();
        static final PrivateKey FORGER = forgerKey();

        private static PrivateKey forgerKey() {
            try {
                return RsaJwkGenerator.generateJwk(2048).getPrivateKey();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
