package cafe.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, from the verified token: read only where a security annotation has authenticated it. */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    /** The token's subject: the customer id of a customer (stable, unlike a display name). */
    public String subject() {
        return token.getSubject();
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /** True when the caller may see what belongs to {@code customerId}: it is theirs, or they operate the system. */
    public boolean mayAccess(String customerId) {
        return isAdmin() || subject().equals(customerId);
    }
}
