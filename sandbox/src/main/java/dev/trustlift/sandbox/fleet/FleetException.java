package dev.trustlift.sandbox.fleet;

/** A fleet file that cannot be served: the message is one line naming the file, the field and the remedy. */
public final class FleetException extends RuntimeException {
    public FleetException(String message) {
        super(message);
    }
}
