package cafe.barista;

/**
 * The ticket's state machine: QUEUED → BREWING → READY → HANDED_OVER (the customer has it), or CANCELED
 * from QUEUED or BREWING when the customer's cancel reaches the barista first. A READY drink is never taken
 * back: see {@code TicketService.decideCancel}.
 */
public enum TicketStatus {
    QUEUED,
    BREWING,
    READY,
    HANDED_OVER,
    CANCELED;

    public boolean canBecome(TicketStatus next) {
        return switch (this) {
            case QUEUED -> next == BREWING || next == CANCELED;
            case BREWING -> next == READY || next == CANCELED;
            case READY -> next == HANDED_OVER;
            case HANDED_OVER, CANCELED -> false;
        };
    }
}
