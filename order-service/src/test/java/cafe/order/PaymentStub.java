package cafe.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in payment processor on a local port (WireMock), so a test can make payment approve,
 * decline, stall or fail. By default it approves and echoes the order id like payment-service does.
 */
public class PaymentStub implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new EchoCharge()));
        server.start();
        approveAll(server);
        return Map.of("quarkus.rest-client.payment.url", server.baseUrl());
    }

    /** Approves every charge, and answers payment's operator routes as a healthy payment-service with no dead letters. */
    public static void approveAll(WireMockServer server) {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/payments"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers(EchoCharge.NAME)));
        server.stubFor(
                get(urlEqualTo("/ops/payment-service/health")).willReturn(okJson("{\"status\":\"UP\",\"checks\":[]}")));
        server.stubFor(get(urlEqualTo("/ops/payment-service/dead-letters"))
                .willReturn(okJson(
                        "{\"topic\":\"cafe-payment-service-dlq\",\"pending\":0,\"parked\":0,\"latestParked\":[]}")));
        server.stubFor(post(urlEqualTo("/ops/payment-service/dead-letters/replay"))
                .willReturn(okJson("{\"replayed\":0,\"applied\":0,\"parked\":0}")));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.MatchesType(WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Answers a charge with an approved payment for the order in the request, as payment-service would. */
    static final class EchoCharge implements ResponseTransformerV2 {

        static final String NAME = "echo-charge";

        @Override
        public Response transform(Response response, ServeEvent event) {
            String body = event.getRequest().getBodyAsString();
            String orderId = body.replaceAll(".*\"orderId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            String amount = body.replaceAll(".*\"amount\"\\s*:\\s*(\\d+).*", "$1");
            String json = "{\"id\":\"" + UUID.nameUUIDFromBytes(orderId.getBytes()) + "\",\"orderId\":\"" + orderId
                    + "\",\"amount\":" + amount + ",\"currency\":\"EUR\",\"status\":\"APPROVED\"}";
            return Response.Builder.like(response).but().body(json).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
