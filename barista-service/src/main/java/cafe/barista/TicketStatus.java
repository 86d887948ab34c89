package cafe.barista;

/** The ticket's state machine: QUEUED → BREWING → READY; QUEUED|BREWING → CANCELED. */
public enum TicketStatus {
    QUEUED, BREWING, READY, CANCELED;

    public boolean canBecome(TicketStatus next) {
        return switch (this) {
            case QUEUED -> next == BREWING || next == CANCELED;
            case BREWING -> next == READY || next == CANCELED;
            case READY, CANCELED -> false;
        };
    }
}
