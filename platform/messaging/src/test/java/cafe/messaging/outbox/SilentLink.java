package cafe.messaging.outbox;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP link to a server that can fall silent: from then on it passes nothing either way and ends
 * nothing, as a network that drops packets does. Each side's connection stays open and hears nothing.
 */
final class SilentLink implements AutoCloseable {

    private final NetServer server;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Integer> serverSidePorts = ConcurrentHashMap.newKeySet();
    private volatile boolean silent;

    private SilentLink(Vertx vertx, String host, int port) throws Exception {
        server = vertx.createNetServer().connectHandler(client -> {
            client.pause();
            sockets.add(client);
            vertx.createNetClient().connect(port, host).onSuccess(upstream -> {
                sockets.add(upstream);
                serverSidePorts.add(upstream.localAddress().port());
                pass(client, upstream);
                pass(upstream, client);
                client.resume();
            });
        });
        server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A link to host:port, listening on a free port of its own. */
    static SilentLink to(Vertx vertx, String host, int port) throws Exception {
        return new SilentLink(vertx, host, port);
    }

    int port() {
        return server.actualPort();
    }

    /** The local ports of the link's connections to the server, as the server sees them (client_port). */
    Set<Integer> serverSidePorts() {
        return Set.copyOf(serverSidePorts);
    }

    void fallSilent() {
        silent = true;
    }

    private void pass(NetSocket from, NetSocket to) {
        from.handler(bytes -> {
            if (!silent) {
                to.write(bytes);
            }
        });
        from.closeHandler(ended -> {
            if (!silent) {
                to.close();
            }
        });
    }

    @Override
    public void close() {
        server.close();
        sockets.forEach(NetSocket::close);
    }
}
