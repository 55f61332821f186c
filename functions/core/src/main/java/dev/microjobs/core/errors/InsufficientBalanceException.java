package dev.microjobs.core.errors;

/** The business balance cannot cover the escrow a job needs; nothing was held. */
public class InsufficientBalanceException extends RuntimeException {
    public InsufficientBalanceException(String detail) {
        super(detail);
    }
}
