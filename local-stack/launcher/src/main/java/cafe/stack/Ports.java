package cafe.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Checks on local TCP ports, so a clash is reported by name instead of as a bind failure deep in a log. */
public final class Ports {

    /**
     * Handed-out ports come from below Linux's ephemeral range (32768-60999), where every outgoing connection takes
     * its local port: a port picked there could be taken by a client socket before its server binds it.
     */
    private static final int FIRST_PORT = 20000;

    private static final int PORT_COUNT = 32768 - FIRST_PORT;

    /** Never the same port twice from one JVM: the previous holder may not have bound it yet. */
    private static final AtomicInteger nextPort =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(PORT_COUNT));

    private Ports() {}

    public static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void requireFree(int port, String purpose) {
        if (inUse(port)) {
            throw new StackException("Port " + port + " (" + purpose + ") is already in use by another program. "
                    + "Stop that program, or choose another port (see README, 'Ports').");
        }
    }

    public static int freePort() {
        for (int tries = 0; tries < PORT_COUNT; tries++) {
            int port = FIRST_PORT + Math.floorMod(nextPort.getAndIncrement(), PORT_COUNT);
            if (bindable(port)) {
                return port;
            }
        }
        throw new StackException("No free local port from " + FIRST_PORT + " to " + (FIRST_PORT + PORT_COUNT - 1));
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
