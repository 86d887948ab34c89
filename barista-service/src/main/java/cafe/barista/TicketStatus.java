package cafe.barista;

/**
 * The ticket's state machine. {@link #canBecome} is what the barista may do: QUEUED → BREWING → READY,
 * or cancel a QUEUED or BREWING ticket. A cancelled order cancels its ticket from any state but
 * CANCELED, READY included (the drink is discarded): see {@code TicketService.cancel}.
 */
public enum TicketStatus {
    QUEUED,
    BREWING,
    READY,
    CANCELED;

    public boolean canBecome(TicketStatus next) {
        return switch (this) {
            case QUEUED -> next == BREWING || next == CANCELED;
            case BREWING -> next == READY || next == CANCELED;
            case READY, CANCELED -> false;
        };
    }
}
