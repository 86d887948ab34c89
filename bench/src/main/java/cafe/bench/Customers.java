package cafe.bench;

import cafe.stack.LocalKeycloak;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The load's customers, each a user of the stack's Keycloak with its token, got once before the load starts
 * (valid an hour, longer than a run of the bench or the drills): a request only picks one, so the load
 * generator's cost per order stays that of sending it.
 */
final class Customers {

    static final int POOL = 100;
    private final List<String> ids;
    /** {@code Authorization} header values, in the order of {@link #ids}. */
    private final List<String> bearers;

    private Customers(List<String> ids, List<String> bearers) {
        this.ids = ids;
        this.bearers = bearers;
    }

    /** {@code count} customers named {@code prefix-0 …}, with their tokens from Keycloak. */
    static Customers named(LocalKeycloak keycloak, String prefix, int count) {
        List<String> ids =
                IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
        return of(keycloak, ids);
    }

    static Customers of(LocalKeycloak keycloak, List<String> ids) {
        List<String> bearers = keycloak.tokens(ids, LocalKeycloak.ROLE_CUSTOMER).stream()
                .map(token -> "Bearer " + token)
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
