package cafe.order;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import cafe.testing.EventSchemas;
import cafe.testing.LocalStackResource;
import cafe.testing.Orders;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The name the barista calls out travels with the paid order: the token's {@code name}, else its {@code
 * preferred_username} up to an {@code @} (never an email), at most 64 characters; none when the token names
 * nobody. Never the customer's id.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class CustomerNameTest {

    @Test
    void theTokensNameTravelsWithThePlacedOrder() {
        assertThat(nameCarriedFor(Map.of("name", "Zoë Martin", "preferred_username", "zoe")), equalTo("Zoë Martin"));
    }

    @Test
    void withoutANameTheUsernameIsCalledOutButNeverAnEmail() {
        assertThat(nameCarriedFor(Map.of("preferred_username", "zoe.martin@example.com")), equalTo("zoe.martin"));
    }

    @Test
    void aLongNameIsCutAndNoNameIsNone() {
        assertThat(nameCarriedFor(Map.of("name", "Z".repeat(100))), equalTo("Z".repeat(64)));
        assertThat(nameCarriedFor(Map.of()), nullValue());
    }

    /** Places an order with a token carrying these profile claims; the name its placed event carries. */
    private static String nameCarriedFor(Map<String, String> profile) {
        String customer = "c-name-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Orders.place(Tokens.as(Tokens.customerWith(customer, profile)), "{\"menuId\":1,\"qty\":1}");
        String placed = EventSchemas.conforming(
                "cafe.order.placed",
                Sql.text(
                        "orders",
                        "select payload from outbox_event where aggregate_id = ? and event_type = 'cafe.order.placed'",
                        id));
        JsonPath event = JsonPath.from(placed);
        assertThat(event.getString("customerId"), equalTo(customer));
        return event.getString("customerName");
    }
}
