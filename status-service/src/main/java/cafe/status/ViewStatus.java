package cafe.status;

/**
 * The order's status as customers see it, ranked: a later rank wins whatever order events arrive in. A
 * requested cancel outranks brewing but not a ready drink, which the barista never takes back.
 */
public enum ViewStatus {
    PLACED,
    BREWING,
    CANCEL_REQUESTED,
    READY,
    CANCELED;

    public boolean isFinal() {
        return this == READY || this == CANCELED;
    }
}
