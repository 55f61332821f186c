package dev.microjobs.core.payouts;

/** A payout the provider did not accept this time; the message is shown to the worker. */
public class PayoutException extends RuntimeException {
    public PayoutException(String message) {
        super(message);
    }

    public PayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
