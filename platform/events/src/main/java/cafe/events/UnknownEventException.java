package cafe.events;

/** An event this system cannot read: an unknown type or data that does not fit its schema. */
public class UnknownEventException extends RuntimeException {

    public UnknownEventException(String message) {
        super(message);
    }

    public UnknownEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
