package cafe.stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A port handed out for a server to bind later stays out of the way of outgoing connections (which take theirs
 * from the ephemeral range) and of the ports handed out before it.
 */
class PortsTest {

    private static final int FIRST_EPHEMERAL_PORT = 32768;

    @Test
    void handsOutBindablePortsBelowTheEphemeralRangeAndNeverOneTwice() throws IOException {
        Set<Integer> handedOut = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            int port = Ports.freePort();
            assertTrue(port < FIRST_EPHEMERAL_PORT, port + " is in the range outgoing connections take theirs from");
            assertTrue(handedOut.add(port), port + " was handed out twice");
            try (ServerSocket server = new ServerSocket(port)) {
                assertTrue(server.isBound());
            }
        }
    }
}
