package cafe.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * The local stack's token issuer: a key pair made at each start, kept in the stack folder so that
 * {@code make token} (another JVM) signs with it too, and the secrets of the clients that get
 * service tokens by client credentials. In Kubernetes a real OIDC provider takes its place.
 */
public final class LocalIssuer {

    public static final String AUDIENCE = "cafe";
    /** The one client that asks for service tokens: order-service, to call payment. */
    public static final String ORDER_SERVICE_CLIENT = "order-service";

    public static final String ROLE_CUSTOMER = "customer";
    public static final String ROLE_SERVICE = "service";

    private static final String KEY_FILE = "signing-key.json";
    private static final String CLIENTS_FILE = "clients.properties";

    private final String url;
    private final RsaJsonWebKey key;
    private final Properties clients;

    private LocalIssuer(String url, RsaJsonWebKey key, Properties clients) {
        this.url = url;
        this.key = key;
        this.clients = clients;
    }

    /** Makes a new key pair and client secret and writes them to {@code dir}, readable by this user only. */
    public static LocalIssuer create(Path dir, String url) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("cafe-local-" + Long.toHexString(System.currentTimeMillis()));
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            Properties clients = new Properties();
            clients.setProperty(ORDER_SERVICE_CLIENT, randomSecret());
            Files.createDirectories(dir);
            writePrivate(dir.resolve(KEY_FILE), key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            StringBuilder text = new StringBuilder("# client id = secret, for the client-credentials grant\n");
            clients.forEach(
                    (id, secret) -> text.append(id).append('=').append(secret).append('\n'));
            writePrivate(dir.resolve(CLIENTS_FILE), text.toString());
            return new LocalIssuer(url, key, clients);
        } catch (JoseException | IOException e) {
            throw new StackException("Cannot create the local token issuer in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The issuer kept in {@code dir}, or a new one there: a restarted issuer keeps its key and client secrets. */
    public static LocalIssuer loadOrCreate(Path dir, String url) {
        return Files.exists(dir.resolve(KEY_FILE)) ? load(dir, url) : create(dir, url);
    }

    /** The issuer a running stack made, read from its folder. */
    public static LocalIssuer load(Path dir, String url) {
        Path keyFile = dir.resolve(KEY_FILE);
        if (!Files.exists(keyFile)) {
            throw new StackException("No local token issuer in " + dir + ": start the stack first (make run)");
        }
        try {
            RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(Files.readString(keyFile));
            Properties clients = new Properties();
            try (var reader = Files.newBufferedReader(dir.resolve(CLIENTS_FILE))) {
                clients.load(reader);
            }
            return new LocalIssuer(url, key, clients);
        } catch (JoseException | IOException e) {
            throw new StackException("Cannot read the local token issuer in " + dir + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    public String jwksUrl() {
        return url + "/jwks";
    }

    public String tokenUrl() {
        return url + "/token";
    }

    public String clientSecret(String clientId) {
        return clients.getProperty(clientId);
    }

    /** The public half, as a JSON Web Key Set. */
    public String jwks() {
        return new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** Claims of a token for {@code subject} in {@code roles}, valid for {@code minutes}; change them to make bad ones. */
    public JwtClaims claims(String subject, List<String> roles, int minutes) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(url);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(minutes);
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", roles);
        return claims;
    }

    /**
     * A token shaped like the one Knative Eventing's sender identity (authentication-oidc) sends with an
     * event: a service-account token of the cluster's issuer (here this one), for the sink's audience, its
     * subject the source's own service account, and no roles.
     */
    public String eventingToken(String serviceAccount, String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(url);
        claims.setAudience(audience);
        claims.setSubject(serviceAccount);
        claims.setIssuedAtToNow();
        claims.setNotBeforeMinutesInThePast(0);
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setGeneratedJwtId();
        return sign(claims);
    }

    public String token(String subject, String role) {
        return sign(claims(subject, List.of(role), 60));
    }

    public String sign(JwtClaims claims) {
        return sign(claims, key.getKeyId());
    }

    /** Signed with this issuer's key, but naming the key {@code keyId} (a test's key the issuer never published). */
    public String sign(JwtClaims claims, String keyId) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a token: " + e.getMessage(), e);
        }
    }

    /** A service token for a client whose secret matches, or empty. */
    public Optional<String> serviceToken(String clientId, String secret) {
        String expected = clients.getProperty(clientId == null ? "" : clientId);
        if (expected == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        String.valueOf(secret).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(sign(claims(clientId, List.of(ROLE_SERVICE), 5)));
    }

    /** The settings that point a service at this issuer. */
    public Map<String, String> serviceConfig() {
        return Map.of(
                "cafe.auth.issuer", url,
                "cafe.auth.jwks-url", jwksUrl(),
                "cafe.auth.token-url", tokenUrl(),
                "cafe.auth.client-secret", clientSecret(ORDER_SERVICE_CLIENT));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
