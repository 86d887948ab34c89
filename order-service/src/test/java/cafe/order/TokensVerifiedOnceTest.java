package cafe.order;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cafe.testing.LocalStackResource;
import cafe.testing.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A bearer token's signature is checked once, then the token is remembered until it expires
 * (cafe.security.VerifiedTokens, in front of the parser Quarkus's authentication calls); a token that fails
 * is never remembered.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class TokensVerifiedOnceTest {

    @Test
    void aTokenIsCheckedOnceForAllItsRequests() {
        String token = Tokens.customer("verified-once");
        double before = verifications();

        for (int i = 0; i < 3; i++) {
            askWith(token, 404);
        }
        assertEquals(before + 1, verifications(), "three requests with one token, one signature check");

        askWith(Tokens.customer("verified-once-more"), 404);
        assertEquals(before + 2, verifications(), "another token is checked");
    }

    @Test
    void aTokenThatFailsIsCheckedAgainEveryTime() {
        String forged = Tokens.forged();
        double before = verifications();

        askWith(forged, 401);
        askWith(forged, 401);
        assertEquals(before + 2, verifications());
    }

    @Test
    void aRememberedTokenIsCheckedAgainOnceItHasExpired() {
        String shortLived = Tokens.customerExpiringIn("short-lived", Duration.ofSeconds(2));
        askWith(shortLived, 404);
        double checked = verifications();
        askWith(shortLived, 404);
        assertEquals(checked, verifications(), "remembered while it is valid");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Tokens.as(shortLived).when().get("/orders/" + UUID.randomUUID());
            return verifications() > checked;
        });
    }

    /** A route only a signed-in customer may call; another customer's (here: no one's) order answers 404. */
    private static void askWith(String token, int status) {
        Tokens.as(token).when().get("/orders/" + UUID.randomUUID()).then().statusCode(status);
    }

    private static double verifications() {
        Counter counter = Metrics.globalRegistry.find("cafe.auth.verifications").counter();
        return counter == null ? 0 : counter.count();
    }
}
