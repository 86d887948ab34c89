package cafe.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request body over the size limit with a problem document before the HTTP layer would
 * answer it with an empty 413, so that every error of the API has the same shape.
 */
@ApplicationScoped
public class HttpLayerProblems {

    private final long maxBodyBytes;

    HttpLayerProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::rejectOversizedBody);
    }

    private void rejectOversizedBody(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null
                || !length.chars().allMatch(Character::isDigit)
                || length.length() > 18
                || Long.parseLong(length) <= maxBodyBytes) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(new JsonObject()
                        .put("type", "about:blank")
                        .put("title", "Content Too Large")
                        .put("status", 413)
                        .put(
                                "detail",
                                "The request body is larger than the " + maxBodyBytes + " bytes this service accepts")
                        .put("instance", context.request().path())
                        .encode());
    }
}
