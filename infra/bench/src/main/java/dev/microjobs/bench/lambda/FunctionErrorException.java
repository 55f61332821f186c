package dev.microjobs.bench.lambda;

/** A function process answered with an error: its handler threw, its init failed, or it exited. */
public final class FunctionErrorException extends Exception {

    public FunctionErrorException(String message) {
        super(message);
    }
}
