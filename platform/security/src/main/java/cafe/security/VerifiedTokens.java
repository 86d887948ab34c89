package cafe.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token once, not on every request: the parser Quarkus's smallrye-jwt authentication is
 * given remembers each token it has verified (keyed by the token's SHA-256) until the token expires. It is
 * smallrye-jwt's own parser, extended: a token it has not seen, and every other call, go to that. The RS256
 * check it saves was the hottest method of order-service and payment (docs/performance.md). A token is as
 * good as its signature until it expires, so remembering it changes no answer; a token that fails is never
 * remembered.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    private final Cache<String, JsonWebToken> verified;
    private final Counter verifications;

    VerifiedTokens(@ConfigProperty(name = "cafe.auth.verified-tokens", defaultValue = "10000") int capacity) {
        this.verified = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfter(Expiry.<String, JsonWebToken>creating((key, token) -> untilExpiry(token)))
                .build();
        this.verifications = Counter.builder("cafe.auth.verifications")
                .description(
                        "Bearer tokens checked (signature and claims): a token verified before is not checked again")
                .register(Metrics.globalRegistry);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        String key = sha256(token);
        JsonWebToken known = verified.getIfPresent(key);
        if (known != null) {
            return known;
        }
        verifications.increment();
        JsonWebToken fresh = super.parse(token);
        verified.put(key, fresh);
        return fresh;
    }

    /** How long a verified token stays valid: none once past its expiry (it may still pass the clock skew). */
    private static Duration untilExpiry(JsonWebToken token) {
        Duration left = Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
