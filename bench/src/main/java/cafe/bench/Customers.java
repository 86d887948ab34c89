package cafe.bench;

import cafe.stack.LocalIssuer;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The load's customers, each with a bearer token signed once before the load starts: a request only picks
 * one, so the load generator's cost per order stays that of sending it.
 */
final class Customers {

    static final int POOL = 100;
    /** The longest the services accept (smallrye.jwt.time-to-live), and longer than a run of the bench or the drills. */
    private static final int TOKEN_MINUTES = 60;

    private final List<String> ids;
    /** {@code Authorization} header values, in the order of {@link #ids}. */
    private final List<String> bearers;

    private Customers(List<String> ids, List<String> bearers) {
        this.ids = ids;
        this.bearers = bearers;
    }

    /** {@code count} customers named {@code prefix-0 …}, their tokens signed by the stack's issuer. */
    static Customers signed(LocalIssuer issuer, String prefix, int count) {
        List<String> ids =
                IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
        return of(issuer, ids);
    }

    static Customers of(LocalIssuer issuer, List<String> ids) {
        List<String> bearers = ids.stream()
                .map(id ->
                        "Bearer " + issuer.sign(issuer.claims(id, List.of(LocalIssuer.ROLE_CUSTOMER), TOKEN_MINUTES)))
                .toList();
        return new Customers(ids, bearers);
    }

    int size() {
        return ids.size();
    }

    String id(long i) {
        return ids.get((int) (i % ids.size()));
    }

    String bearer(long i) {
        return bearers.get((int) (i % bearers.size()));
    }
}
