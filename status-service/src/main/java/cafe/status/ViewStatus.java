package cafe.status;

/** The order's status as customers see it, ranked: a later rank wins whatever order events arrive in. */
public enum ViewStatus {
    PLACED,
    BREWING,
    READY,
    CANCELED;

    public boolean isFinal() {
        return this == READY || this == CANCELED;
    }
}
