package cafe.messaging.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** How events reach a service over HTTP ({@code /events}, on Knative), whom it takes them from, how it retries. */
@ConfigMapping(prefix = "cafe.events")
public interface EventsConfig {

    Http http();

    Auth auth();

    /** How often a failure that {@link Poison#isABug is a bug} is tried before it is dead-lettered. */
    @WithDefault("30")
    int bugAttempts();

    interface Http {

        /** Whether {@code /events} exists here (the knative profile); elsewhere it answers 404. */
        boolean enabled();
    }

    /** Knative Eventing's identity: tokens of the cluster's issuer for this service's audience. */
    interface Auth {

        String issuer();

        String jwksUrl();

        String audience();

        /** The service accounts of this service's KafkaSources, the only senders it accepts. */
        List<String> senders();

        /** The cluster CA's certificate the key set is served with, where it is not the JVM's trust. */
        Optional<String> caPath();
    }
}
