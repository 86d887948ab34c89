package cafe.order;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged artifact: the JVM jar here, the native executable when built with -Pnative. */
@QuarkusIntegrationTest
class OrderResourceIT extends OrderResourceTest {}
