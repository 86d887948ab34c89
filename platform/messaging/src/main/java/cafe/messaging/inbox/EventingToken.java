package cafe.messaging.inbox;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The bearer token that came with an event at {@code /events}, to be checked by {@link EventingIdentity}. */
final class EventingToken extends BaseAuthenticationRequest {

    private final String token;

    EventingToken(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
