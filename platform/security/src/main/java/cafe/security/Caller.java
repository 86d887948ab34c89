package cafe.security;

import cafe.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.util.function.Predicate;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, from the verified token: read only where a security annotation has authenticated it. */
@RequestScoped
public class Caller {

    public static final int DISPLAY_NAME_LENGTH = 64;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    /** The token's subject: the customer id of a customer (stable, unlike a display name). */
    public String subject() {
        return token.getSubject();
    }

    /**
     * The name to call {@code customerId} by, when the caller is that customer: the token's {@code name},
     * else its {@code preferred_username} (up to an {@code @}: never an email), at most {@value
     * #DISPLAY_NAME_LENGTH} characters; null when the token names nobody, or for another customer.
     */
    public String displayNameFor(String customerId) {
        if (!subject().equals(customerId)) {
            return null;
        }
        String name = claim("name");
        if (name == null) {
            String username = claim("preferred_username");
            name = username == null ? null : username.split("@", 2)[0].strip();
        }
        if (name == null || name.isEmpty()) {
            return null;
        }
        return name.length() <= DISPLAY_NAME_LENGTH ? name : name.substring(0, DISPLAY_NAME_LENGTH);
    }

    private String claim(String name) {
        Object value = token.getClaim(name);
        String text = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
        return text == null || text.isBlank() ? null : text.strip();
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /**
     * Who may see what belongs to a customer, decided now: theirs, or every customer's for an operator. A
     * stream applies it later, when the request and its token are gone.
     */
    public Predicate<String> access() {
        boolean admin = isAdmin();
        String subject = subject();
        return customerId -> admin || subject.equals(customerId);
    }

    /** Another customer's {@code what} is "not found", as an unknown one is: an id reveals nothing. */
    public void requireAccess(String customerId, String what, Object id) {
        if (!access().test(customerId)) {
            throw ProblemException.notFound(what, id);
        }
    }

    /**
     * The customer a request is about: a customer's own (naming another is a 403), or the one an operator
     * names (none: every customer).
     */
    public String customerToActFor(String named) {
        if (isAdmin()) {
            return named;
        }
        if (named != null && !named.equals(subject())) {
            throw new ProblemException(
                    403, "Forbidden", "customerId must be your own (the subject of your token), or left out");
        }
        return subject();
    }
}
