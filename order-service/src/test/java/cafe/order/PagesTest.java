package cafe.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import cafe.testing.LocalStackResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The pages run only the café's own scripts: each is sent with a Content-Security-Policy without inline
 * script, every answer tells the browser not to sniff its type, and no script turns data into markup.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class PagesTest {

    private static final Path SCRIPTS = Path.of("src/main/resources/META-INF/resources/ui");
    private static final Pattern MARKUP_FROM_A_STRING =
            Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|createContextualFragment");

    @ConfigProperty(name = "cafe.ui.issuer")
    String issuer;

    @Test
    void eachPageIsSentWithAPolicyThatRunsOnlyTheCafesOwnScripts() {
        URI provider = URI.create(issuer);
        for (String page : List.of("/", "/barista", "/ops")) {
            given().get(page)
                    .then()
                    .statusCode(200)
                    .header(
                            "Content-Security-Policy",
                            allOf(
                                    containsString("default-src 'none'"),
                                    containsString("script-src 'self';"),
                                    containsString("connect-src 'self' " + provider.getScheme() + "://"
                                            + provider.getAuthority() + ";"),
                                    containsString("frame-ancestors 'none'"),
                                    not(containsString("unsafe-"))))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"))
                    .header("Strict-Transport-Security", startsWith("max-age="));
        }
    }

    @Test
    void theScriptsAndTheApiAreNeverSniffed() {
        given().get("/ui/customer.js").then().statusCode(200).header("X-Content-Type-Options", equalTo("nosniff"));
        given().get("/menu").then().statusCode(200).header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void noScriptTurnsAStringIntoMarkup() throws IOException {
        try (Stream<Path> scripts = Files.list(SCRIPTS)) {
            List<String> offending = scripts.filter(script -> script.toString().endsWith(".js"))
                    .filter(script -> MARKUP_FROM_A_STRING.matcher(read(script)).find())
                    .map(script -> script.getFileName().toString())
                    .toList();
            assertThat(offending, emptyIterable());
        }
    }

    private static String read(Path script) {
        try {
            return Files.readString(script);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
