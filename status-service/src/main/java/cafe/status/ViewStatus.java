package cafe.status;

/**
 * The order's status as customers see it, ranked: a later rank wins whatever order events arrive in. A
 * requested cancel outranks brewing but not a ready drink, which the barista never takes back. A ready
 * drink is followed until it is handed over.
 */
public enum ViewStatus {
    PLACED,
    BREWING,
    CANCEL_REQUESTED,
    READY,
    HANDED_OVER,
    CANCELED;

    public boolean isFinal() {
        return this == HANDED_OVER || this == CANCELED;
    }
}
