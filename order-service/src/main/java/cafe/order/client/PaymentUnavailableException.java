package cafe.order.client;

/** Payment could not give an answer in time: slow, failing, overloaded or its circuit is open. */
public class PaymentUnavailableException extends RuntimeException {

    public PaymentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
