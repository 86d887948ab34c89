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

    /** Every operation the service serves, as {@code "METHOD /path"}. */
    protected abstract Set<String> operations();

    /** Operations checked as routed without being run (see {@link OpenApiContract#assertEveryOperationIsRouted}). */
    protected Set<String> routedButNotRun() {
        return Set.of();
    }

    @Test
    void everyOperationIsDocumentedAndNothingElse() {
        assertThat(OpenApiContract.operations(), equalTo(new TreeSet<>(operations())));
    }

    @Test
    void everyDocumentedOperationExists() {
        OpenApiContract.assertEveryOperationIsRouted(routedButNotRun());
    }

    @Test
    void everyDocumentedErrorIsAProblem() {
        assertThat(OpenApiContract.errorsWithoutAProblem(), equalTo(Set.of()));
    }
}
