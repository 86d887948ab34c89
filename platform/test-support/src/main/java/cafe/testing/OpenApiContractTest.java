package cafe.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What every service's OpenAPI document must keep: it lists exactly the service's operations, each of
 * them is routed, and every error it documents is a problem. A service's {@code OpenApiTest} extends
 * this with its operations and adds what is its own.
 */
public abstract class OpenApiContractTest {

    /** What platform/messaging adds to every service: the events entry and the operators' health and dead letters. */
    static final Set<String> PLATFORM_OPERATIONS = Set.of(
            "POST /events",
            "GET /ops/{service}/health",
            "GET /ops/{service}/dead-letters",
            "POST /ops/{service}/dead-letters/replay");

    /** Every operation of the service's own, as {@code "METHOD /path"}. */
    protected abstract Set<String> operations();

    /** Operations checked as routed without being run (see {@link OpenApiContract#assertEveryOperationIsRouted}). */
    protected Set<String> routedButNotRun() {
        return Set.of();
    }

    @Test
    void everyOperationIsDocumentedAndNothingElse() {
        Set<String> expected = new TreeSet<>(operations());
        expected.addAll(PLATFORM_OPERATIONS);
        assertThat(OpenApiContract.operations(), equalTo(expected));
    }

    @Test
    void everyDocumentedOperationExists() {
        // a replay is a real run over the dead-letter topics: routed, not run here (DeadLetterReplayTest runs one)
        Set<String> notRun = new TreeSet<>(routedButNotRun());
        notRun.add("POST /ops/{service}/dead-letters/replay");
        OpenApiContract.assertEveryOperationIsRouted(notRun);
    }

    @Test
    void everyDocumentedErrorIsAProblem() {
        assertThat(OpenApiContract.errorsWithoutAProblem(), equalTo(Set.of()));
    }
}
