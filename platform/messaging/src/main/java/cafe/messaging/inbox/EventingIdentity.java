package cafe.messaging.inbox;

import cafe.security.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks the token of an event's sender as Knative Eventing's sender identity (feature
 * {@code authentication-oidc}) issues it: signed by the eventing issuer (the cluster's service-account
 * issuer, {@code cafe.events.auth.issuer}, its keys at {@code cafe.events.auth.jwks-url}), for this
 * service's audience ({@code cafe.events.auth.audience}), not expired. A bad token is refused (401); a
 * good one from a subject that is not one of this service's KafkaSources ({@code cafe.events.auth.senders})
 * is known but may not send (403). A token of the cafe issuer has another audience, so it fails here.
 */
@ApplicationScoped
public class EventingIdentity implements IdentityProvider<EventingToken> {

    private final JWTParser parser;
    private final Set<String> senders;

    EventingIdentity(EventsConfig config) {
        EventsConfig.Auth auth = config.auth();
        JWTAuthContextInfo expected = new JWTAuthContextInfo(auth.jwksUrl(), auth.issuer());
        expected.setExpectedAudience(Set.of(auth.audience()));
        // the API server's key set is served over TLS by a certificate of the cluster's own CA
        auth.caPath().ifPresent(expected::setTlsCertificatePath);
        this.parser = new DefaultJWTParser(expected);
        this.senders = Set.copyOf(auth.senders());
    }

    @Override
    public Class<EventingToken> getRequestType() {
        return EventingToken.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(EventingToken request, AuthenticationRequestContext context) {
        // the key set may have to be fetched: off the event loop
        return context.runBlocking(() -> identityOf(request.token()));
    }

    private SecurityIdentity identityOf(String token) {
        JsonWebToken verified;
        try {
            verified = parser.parse(token);
        } catch (ParseException e) {
            throw new AuthenticationFailedException("Not a token of the eventing issuer for this service", e);
        }
        QuarkusSecurityIdentity.Builder identity =
                QuarkusSecurityIdentity.builder().setPrincipal(verified);
        if (senders.contains(verified.getSubject())) {
            identity.addRole(Roles.EVENTING);
        }
        return identity.build();
    }
}
