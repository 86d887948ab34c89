package cafe.security;

/**
 * The roles a token carries (its {@code groups} claim, or the claim {@code smallrye.jwt.path.groups}
 * names): what each identity of the café may do.
 */
public final class Roles {

    /** Orders, follows and cancels their own orders; the token's subject is the customer id. */
    public static final String CUSTOMER = "customer";
    /** Works the ticket queue. */
    public static final String BARISTA = "barista";
    /** Operates the system: view rebuild, dead-letter replay, listings across customers. */
    public static final String ADMIN = "admin";
    /** Another part of the system: order-service calling payment. */
    public static final String SERVICE = "service";
    /**
     * Knative Eventing delivering events to {@code /events}: never in a token of the cafe issuer, only
     * given to a token of the eventing issuer from a configured sender (cafe.messaging.inbox.EventingIdentity).
     */
    public static final String EVENTING = "eventing";

    private Roles() {}
}
