package cafe.messaging.inbox;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Who sent an event to {@code /events}: the bearer token Knative Eventing's sender identity adds, checked
 * by {@link EventingIdentity} against the eventing issuer, never against the cafe issuer. {@link
 * CloudEventResource} selects this mechanism alone (its scheme, {@value #SCHEME}); on every other path it
 * stays out of the way, so people's and services' tokens go to the cafe issuer's mechanism.
 */
@ApplicationScoped
public class EventingAuthentication implements HttpAuthenticationMechanism {

    public static final String SCHEME = "eventing";
    private static final String BEARER = "Bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext request, IdentityProviderManager identities) {
        String authorization = request.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (!CloudEventResource.PATH.equals(request.normalizedPath())
                || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new EventingToken(authorization.substring(BEARER.length()).trim()), request));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext request) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"cafe-events\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(EventingToken.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext request) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME));
    }
}
