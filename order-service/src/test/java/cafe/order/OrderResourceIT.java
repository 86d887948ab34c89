package cafe.order;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged artifact: the JVM jar here, the native executable when built with -Pnative. */
@QuarkusIntegrationTest
@WithTestResource(value = ColdStartAllowance.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OrderResourceIT extends OrderResourceTest {}
