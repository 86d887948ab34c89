package cafe.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Connections to the service's database that do not come from the pool, for state that lives as long as
 * a connection: the outbox relay's lead, status-service's LISTEN for view changes and the lock its rebuild
 * holds. PostgreSQL ends each when the connection ends, so closing one never leaves it behind in a pooled
 * connection.
 */
@ApplicationScoped
public class DedicatedConnections {

    private final Vertx vertx;
    private final PgConnectOptions options;

    DedicatedConnections(
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user)
                .setPassword(password);
    }

    public PgConnectOptions options() {
        return new PgConnectOptions(options);
    }

    public Uni<PgConnection> open() {
        return PgConnection.connect(vertx, options());
    }
}
