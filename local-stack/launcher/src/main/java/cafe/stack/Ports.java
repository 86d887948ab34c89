package cafe.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Checks on local TCP ports, so a clash is reported by name instead of as a bind failure deep in a log. */
public final class Ports {

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
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("No free local port: " + e.getMessage());
        }
    }
}
