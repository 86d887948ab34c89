package cafe.payment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;

import cafe.testing.LocalStackResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Overload can be reproduced: beyond the configured concurrent charges, payment answers 429. */
@QuarkusTest
@TestProfile(OverloadedProcessor.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ProcessorSimulationTest {

    @Test
    void chargesBeyondCapacityAreTurnedAwayWith429() {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> PaymentResourceTest.charge(UUID.randomUUID(), 100).statusCode(), threads));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        threads.shutdown();

        assertThat(statuses, hasItem(201));
        assertThat(statuses, hasItem(429));
    }
}
