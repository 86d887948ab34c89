package cafe.status.repository;

/**
 * Which tables the view is written to: the live ones customers read, or the shadow ones (schema
 * {@code rebuild}, the same shape) a rebuild fills before they are swapped in.
 */
public enum ViewTables {
    LIVE("status_event", "order_status"),
    REBUILD("rebuild.status_event", "rebuild.order_status");

    final String events;
    final String documents;

    ViewTables(String events, String documents) {
        this.events = events;
        this.documents = documents;
    }
}
