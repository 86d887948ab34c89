package cafe.barista.board;

import cafe.barista.TicketResponse;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a board stream sends: the whole board ({@code whole}: the tickets to show, queued, brewing and ready,
 * oldest first), or tickets that changed since, each as it is now (one that left the board, handed over or
 * cancelled, included). A board keeps, of two versions of a ticket, the one updated last.
 */
@Schema(description = "One event of the board's stream: the whole board, or the tickets that changed")
public record BoardUpdate(boolean whole, List<TicketResponse> tickets) {

    /** The SSE event name: {@code board} or {@code change}. */
    public String name() {
        return whole ? "board" : "change";
    }
}
