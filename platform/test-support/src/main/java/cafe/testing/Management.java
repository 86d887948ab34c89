package cafe.testing;

import org.eclipse.microprofile.config.ConfigProvider;

/** The service under test's management interface (health, metrics, OpenAPI): a port of its own. */
public final class Management {

    /** Quarkus's default management port in tests. */
    private static final int DEFAULT_TEST_PORT = 9001;

    private Management() {}

    /** The absolute URL of {@code path} (e.g. {@code /q/health}) on the management interface. */
    public static String url(String path) {
        int port = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(DEFAULT_TEST_PORT);
        return "http://localhost:" + port + path;
    }
}
